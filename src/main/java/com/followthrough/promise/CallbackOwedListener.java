package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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
 * cancelled, so the case never holds a promise no running KeepPromise keeps.
 */
@Component("owedCallback")
public class CallbackOwedListener implements ExecutionListener {

    public static final String CALLBACK_OWED = "callbackOwed";

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(CALLBACK_OWED, !EVENTNAME_END.equals(execution.getEventName()));
    }
}
