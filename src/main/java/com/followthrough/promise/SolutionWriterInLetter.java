package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.communication.MessageKind;
import com.followthrough.communication.MessagePreparation;
import com.followthrough.vocabulary.CaseVariable;

/**
 * The letter to a customer we could not reach says "Anna will now write down the solution ... and send it to you in
 * writing": Anna is the case's owner, whose "Resolve the problem" it is ({@code owner} of the support case that called
 * KeepPromise), not whoever KeepPromise's {@code owner} names after a supervisor handed the callback to a colleague or
 * took it herself. Given to the composer as the transient variable {@code solutionWrittenBy}. A callback promised on a
 * last-chance call (the case is closed) gets none: that letter names nobody who writes.
 */
@Component
class SolutionWriterInLetter implements MessagePreparation {

    static final String SOLUTION_WRITTEN_BY = "solutionWrittenBy";

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
        if (!owner.isBlank()) {
            execution.setVariableLocal(SOLUTION_WRITTEN_BY, Variables.stringValue(owner, true));
        }
    }
}
