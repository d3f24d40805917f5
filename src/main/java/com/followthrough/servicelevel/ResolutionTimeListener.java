package com.followthrough.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Records when the owner resolved the case, which is measured against the case's resolution target: {@code resolvedAt}
 * each time (a reopened case is resolved again: the total resolution), {@code firstResolvedAt} only the first time.
 * Resolved while the case waited on the customer's answer (solved without it), the resolution ends that wait: the
 * resolution clock runs again, with the time it stood still counted ({@code pausedMinutes}, the insights' time waiting
 * on the customer), before the guarantees are checked against the resolution target.
 */
@Component("resolutionTime")
public class ResolutionTimeListener implements TaskListener {

    private final EngineClock clock;
    private final ResolutionClock resolutionClock;

    public ResolutionTimeListener(EngineClock clock, ResolutionClock resolutionClock) {
        this.clock = clock;
        this.resolutionClock = resolutionClock;
    }

    @Override
    public void notify(DelegateTask task) {
        resolutionClock.resume(task.getExecution());
        CaseVariable.RESOLVED_AT.set(task.getExecution(), clock.nowAsDate());
        if (task.getExecution().getVariable("firstResolvedAt") == null) {
            task.getExecution().setVariable("firstResolvedAt", clock.nowAsDate());
        }
    }
}
