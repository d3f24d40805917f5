package com.followthrough.intake;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * The agent who listens to the customer owns the case from then on ("you, you're the one that answered
 * the phone"): later steps, the callback and every customer message go to them.
 */
@Component("caseOwnership")
public class CaseOwnershipListener implements TaskListener {

    private final IdentityService identityService;
    private final EngineClock clock;

    public CaseOwnershipListener(IdentityService identityService, EngineClock clock) {
        this.identityService = identityService;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        String owner = task.getAssignee();
        if (owner == null) {
            Authentication current = identityService.getCurrentAuthentication();
            owner = current == null ? null : current.getUserId();
        }
        if (owner == null) {
            throw new IllegalStateException("Claim the task before completing it: the agent who listens owns the case");
        }
        task.getExecution().setVariable("owner", owner);
        task.getExecution().setVariable("firstRespondedAt", clock.nowAsDate());
    }
}
