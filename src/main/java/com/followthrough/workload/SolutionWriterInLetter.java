package com.followthrough.workload;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.communication.MessageKind;
import com.followthrough.communication.MessagePreparation;
import com.followthrough.organization.People;
import com.followthrough.organization.TeamQueue;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.vocabulary.CaseVariable;

/**
 * The letter to a customer we could not reach says "Anna will now write down the solution ... and send it to you in
 * writing": Anna holds the case's "Resolve the problem", which is created for the owner of the support case that
 * called KeepPromise (not whoever KeepPromise's {@code owner} names after a supervisor handed the callback to a
 * colleague or took it herself) and goes to the stand-in or the team's queue while the owner is away
 * ({@link AbsentAgentsWork#holderOf}, due as that task is). Given to the composer as the transient variable
 * {@code solutionWrittenBy}; none for the team's queue ("our support team"). A callback promised on a last-chance
 * call (the case is closed) gets none: that letter names nobody who writes.
 */
@Component
class SolutionWriterInLetter implements MessagePreparation {

    static final String SOLUTION_WRITTEN_BY = "solutionWrittenBy";

    private final Absences absences;
    private final People people;
    private final EngineClock clock;
    private final CaseDeadlines deadlines;

    SolutionWriterInLetter(Absences absences, People people, EngineClock clock, CaseDeadlines deadlines) {
        this.absences = absences;
        this.people = people;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.CUSTOMER_UNREACHABLE;
    }

    @Override
    public void prepare(DelegateExecution execution) {
        DelegateExecution supportCase = execution.getProcessInstance().getSuperExecution();
        if (supportCase == null || Boolean.TRUE.equals(execution.getVariable("caseClosedAlready"))) {
            return;
        }
        String owner = CaseVariable.OWNER.text(supportCase);
        if (owner.isBlank()) {
            return;
        }
        // Due as "Resolve the problem" is: the resolution target, or the date a specialist's joining told if earlier.
        Date due = deadlines.noLaterThan(CaseVariable.RESOLUTION_DUE_AT.get(supportCase),
                supportCase.getVariable("specialistAdviceDueAt"));
        AbsentAgentsWork.Holder writer = AbsentAgentsWork.holderOf(owner, due,
                TeamQueue.teamOf(supportCase.getVariable("team")), clock.now(), absences, people);
        if (writer.user() != null) {
            execution.setVariableLocal(SOLUTION_WRITTEN_BY, Variables.stringValue(writer.user(), true));
        }
    }
}
