package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/** "Record the callback made": the promise is kept if the call came by the promised time. */
@Component("fulfilPromise")
public class FulfilPromiseDelegate implements JavaDelegate {

    private final Promises promises;
    private final EngineClock clock;

    public FulfilPromiseDelegate(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        promises.fulfil(((Number) execution.getVariable("promiseId")).longValue(), clock.now());
    }
}
