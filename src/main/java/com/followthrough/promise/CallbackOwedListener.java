package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Keep the promise" in a case (start and end of {@code CallActivity_KeepPromise}): while it runs the case owes the
 * customer a call ({@code callbackOwed}): the callback promised in writing, a retry the voicemail promised, a broken
 * promise with the supervisors, or the team lead's decision on an unreachable customer. And from the flow "new time for
 * our call" (take: after "keep trying", or a customer who called in meanwhile) until it runs again: the last voicemail
 * told the customer we write to them with a new time for our call, which the owner is to promise
 * ({@link NewCallTime}). "Wait for the customer" asks it before it closes a case for lack of an answer
 * ({@code Gateway_CallbackOwed}): the call is the next contact, and
 * a case closed around it would end the promise with nobody keeping it. The end comes also when the call activity is
 * cancelled, so the case never holds a promise no running KeepPromise keeps; unless the owner's "Promise a callback"
 * was started in its place (the KeepPromise alone cancelled, {@code CancelledCases}), which the call stays owed for,
 * as when Cockpit's cancel skips this listener: the supervisors make sure of the new time when it is late.
 * <p>
 * The owner's "Promise a callback" open (created to completed, {@code callbackToBePromised}) with the call owed is
 * the new time for our call after "keep trying": the last reminder says we write to them with it, not that a call we
 * agreed stands ({@code MessageComposer}). A task cancelled with the case's work (the close for lack of an answer)
 * leaves it set, with no call owed; the next "Promise a callback" sets it again.
 */
@Component("owedCallback")
public class CallbackOwedListener implements ExecutionListener, TaskListener {

    public static final String CALLBACK_OWED = "callbackOwed";
    public static final String CALLBACK_TO_BE_PROMISED = "callbackToBePromised";

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(CALLBACK_OWED, !EVENTNAME_END.equals(execution.getEventName())
                || execution.isCanceled() && Boolean.TRUE.equals(execution.getVariable(CALLBACK_TO_BE_PROMISED)));
    }

    @Override
    public void notify(DelegateTask promise) {
        promise.getExecution().getProcessInstance()
                .setVariable(CALLBACK_TO_BE_PROMISED, EVENTNAME_CREATE.equals(promise.getEventName()));
    }
}
