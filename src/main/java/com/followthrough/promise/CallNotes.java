package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Notes from the call" ({@code callbackNotes}) of a promised call reach the case: on completing "Call the customer
 * back" or "Call the customer again", they become {@link CaseVariable#LAST_CALL_NOTES} of this promise and of the
 * execution that made it (the support case, or the customer feedback for a last-chance call), as
 * {@link PromiseTakeover} does with the supervisor's note. So the owner's next step shows what the customer said
 * whoever made the call: a stand-in, a colleague who claimed it from the queue, a supervisor. They used to stay in
 * the promise, and the voicemail that follows a call that did not connect removes them there. A call without notes
 * removes those of an earlier call, which are not the last call's.
 */
@Component("callNotes")
public class CallNotes implements TaskListener {

    static final String NOTES = "callbackNotes";

    @Override
    public void notify(DelegateTask task) {
        String notes = CaseVariables.text(task, NOTES);
        DelegateExecution keepPromise = task.getExecution().getProcessInstance();
        keep(keepPromise, notes);
        DelegateExecution madeThePromise = keepPromise.getSuperExecution();
        if (madeThePromise != null) {
            keep(madeThePromise, notes);
        }
    }

    private static void keep(DelegateExecution execution, String notes) {
        if (!notes.isEmpty()) {
            CaseVariable.LAST_CALL_NOTES.set(execution, notes);
        } else if (execution.hasVariable(CaseVariable.LAST_CALL_NOTES.name())) {
            execution.removeVariable(CaseVariable.LAST_CALL_NOTES.name());
        }
    }
}
