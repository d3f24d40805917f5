package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Every call of a promise ended in a voicemail, and whether we keep trying is decided on "Decide: the customer could
 * not be reached" ({@code Task_DecideCustomerUnreachable}, or past its time the administrators'
 * {@code Task_DecideCustomerUnreachableNow}): the case that made the promise learns by when,
 * {@value #CALL_DECISION_DUE_AT} (the decision's {@code unreachableDecisionDueAt}, which the last voicemail, or the
 * message that the administrators decide, told the customer), set when each of those tasks is created. Meanwhile the
 * case owes a call ({@code callbackOwed}), but none is agreed: the last reminder of a question says how we go on is
 * decided, not that the call stands ({@code MessageComposer}). It stays until "Keep the promise" ends in the case
 * (this listener on its end): a decision made may still have its letter to send, and "keep trying" then leaves the
 * new time to the owner's Promise a callback. A promise kept after the case closed (a last-chance call) tells nothing
 * to a case that waits on no answer.
 */
@Component("callDecision")
public class CallDecisionListener implements TaskListener, ExecutionListener {

    public static final String CALL_DECISION_DUE_AT = "callDecisionDueAt";

    @Override
    public void notify(DelegateTask decision) {
        DelegateExecution keepPromise = decision.getExecution().getProcessInstance();
        DelegateExecution madeThePromise = keepPromise.getSuperExecution();
        if (madeThePromise != null && !Boolean.TRUE.equals(keepPromise.getVariable("caseClosedAlready"))) {
            madeThePromise.setVariable(CALL_DECISION_DUE_AT, keepPromise.getVariable("unreachableDecisionDueAt"));
        }
    }

    @Override
    public void notify(DelegateExecution keepPromiseInTheCase) {
        if (keepPromiseInTheCase.hasVariable(CALL_DECISION_DUE_AT)) {
            keepPromiseInTheCase.removeVariable(CALL_DECISION_DUE_AT);
        }
    }
}
