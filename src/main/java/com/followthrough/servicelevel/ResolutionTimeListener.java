package com.followthrough.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Records when the owner resolved the case, which is measured against the case's resolution target: {@code resolvedAt}
 * each time (a reopened case is resolved again: the total resolution), {@code firstResolvedAt} only the first time.
 */
@Component("resolutionTime")
public class ResolutionTimeListener implements TaskListener {

    private final EngineClock clock;

    public ResolutionTimeListener(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        CaseVariable.RESOLVED_AT.set(task.getExecution(), clock.nowAsDate());
        if (task.getExecution().getVariable("firstResolvedAt") == null) {
            task.getExecution().setVariable("firstResolvedAt", clock.nowAsDate());
        }
    }
}
