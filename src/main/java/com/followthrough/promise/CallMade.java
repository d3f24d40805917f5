package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The callback was made without reaching the customer ({@code Event_CallMade} in KeepPromise): a "Keep the promise
 * at risk" open for that call is withdrawn ({@code Event_CallMadeWhileAtRisk}), since the call it asked the supervisors
 * to make sure of was made. The promise stays recorded broken, and a retry the voicemail promises that is late too
 * brings in a step of its own, so one promise never has two open. Nothing when no such step is open.
 */
@Component("callMade")
public class CallMade {

    static final String MESSAGE = "Message_CallMade";

    public void withdrawPromiseAtRisk(DelegateExecution keepPromise) {
        keepPromise.getProcessEngineServices().getRuntimeService().createMessageCorrelation(MESSAGE)
                .processInstanceId(keepPromise.getProcessInstanceId())
                .correlateAllWithResult();
    }
}
