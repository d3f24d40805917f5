package com.followthrough.workload;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;

import com.followthrough.EngineClock;
import com.followthrough.communication.MessageKind;
import com.followthrough.communication.MessagePreparation;
import com.followthrough.organization.People;
import com.followthrough.organization.TeamQueue;
import com.followthrough.vocabulary.CaseVariable;

/**
 * A message that names who will act, sent before that person's task exists: the written promise ("Olivia from our
 * support team will call you back by ...", before "Call the customer back") and the acknowledgment of a customer's
 * message ("Olivia ... will answer you by ...", before "Answer the customer"), and the message that a specialist
 * joins ("you will hear from Olivia by ...", before the owner's step after the advice). The task is created for the
 * owner and goes to whoever stands in for them when they are away ({@link AbsentAgentsWork}); the message names the
 * same person by the same rule ({@link AbsentAgentsWork#holderOf}), or nobody when it goes to the team's queue. Given
 * to the composer as the transient variable {@code heldBy} ("" for the queue).
 */
class HolderNamedInMessages implements MessagePreparation {

    static final String HELD_BY = "heldBy";

    private final MessageKind kind;
    private final String dueVariable;
    private final Absences absences;
    private final People people;
    private final EngineClock clock;

    HolderNamedInMessages(MessageKind kind, String dueVariable, Absences absences, People people, EngineClock clock) {
        this.kind = kind;
        this.dueVariable = dueVariable;
        this.absences = absences;
        this.people = people;
        this.clock = clock;
    }

    @Override
    public MessageKind kind() {
        return kind;
    }

    @Override
    public void prepare(DelegateExecution execution) {
        String owner = CaseVariable.OWNER.text(execution);
        if (owner.isBlank()) {
            return;
        }
        Date due = execution.getVariable(dueVariable) instanceof Date date ? date : null;
        AbsentAgentsWork.Holder holder = AbsentAgentsWork.holderOf(owner, due,
                TeamQueue.teamOf(execution.getVariable("team")), clock.now(), absences, people);
        execution.setVariableLocal(HELD_BY, Variables.stringValue(holder.user() == null ? "" : holder.user(), true));
    }
}
