package com.followthrough.waiting;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.servicelevel.ResolutionClock;

/**
 * "Start the resolution clock again": the customer answered, or the wait ended without an answer. The paused working
 * time moves the resolution target, its timer and the open tasks due at it later (see {@link ResolutionClock}).
 */
@Component("resumeResolutionClock")
public class ResumeResolutionClockDelegate implements JavaDelegate {

    private final ResolutionClock resolutionClock;

    public ResumeResolutionClockDelegate(ResolutionClock resolutionClock) {
        this.resolutionClock = resolutionClock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        resolutionClock.resume(execution);
    }
}
