package com.followthrough.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * Records when "Work on the solution" (re)starts ({@code workStartedAt}), before its timers are armed: a resolution
 * target that had passed by then is checked as the work begins, not a day later
 * ({@link CaseDeadlines#resolutionChecks}).
 */
@Component("workOnSolutionStarted")
public class WorkOnSolutionStarted implements ExecutionListener {

    public static final String WORK_STARTED_AT = "workStartedAt";

    private final EngineClock clock;

    public WorkOnSolutionStarted(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(WORK_STARTED_AT, clock.nowAsDate());
    }
}
