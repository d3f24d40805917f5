package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The new time for our call that a customer nobody reached is owed: the last voicemail, and the message that the
 * administrators now decide, told them "we will then write to you: with a new time for our call". After "keep trying",
 * or a customer who called in meanwhile, it rests on the owner's "Promise a callback", with the call marked owed
 * ({@link CallbackOwedListener}); past that task's due date "Supervisors make sure of the new time" asks the
 * supervisors. The owner's promise (this listener, on "Promise a callback" completed) ends their task:
 * {@value #PROMISED}.
 */
@Component("newCallTime")
public class NewCallTime implements TaskListener {

    /** Correlated to the case; caught by the boundary "Owner promised meanwhile". */
    public static final String PROMISED = "Message_NewCallTimePromised";

    @Override
    public void notify(DelegateTask promise) {
        DelegateExecution supportCase = promise.getExecution().getProcessInstance();
        if (Boolean.TRUE.equals(supportCase.getVariable(CallbackOwedListener.CALLBACK_OWED))) {
            // A case on a version without the step, or not making sure, has no subscription: nothing happens.
            supportCase.getProcessEngineServices().getRuntimeService().createMessageCorrelation(PROMISED)
                    .processInstanceId(supportCase.getProcessInstanceId()).correlateAll();
        }
    }
}
