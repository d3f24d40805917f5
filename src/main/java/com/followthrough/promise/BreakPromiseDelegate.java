package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * "Record the promise broken": the promised time passed and the callback has not been made. The promise counts against
 * whoever holds the open callback at this moment (a colleague an absent owner's callback went to, the person a
 * supervisor handed it to), not against the owner who made it: the promise itself names them ({@link
 * Promises#breakPromise}).
 */
@Component("breakPromise")
public class BreakPromiseDelegate implements JavaDelegate {

    private final Promises promises;
    private final EngineClock clock;

    public BreakPromiseDelegate(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        promises.breakPromise(((Number) execution.getVariable("promiseId")).longValue(), clock.now(),
                execution.getActivityInstanceId());
    }
}
