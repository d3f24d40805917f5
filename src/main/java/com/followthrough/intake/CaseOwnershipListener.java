package com.followthrough.intake;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.servicelevel.FirstPersonalContact;
import com.followthrough.vocabulary.CaseVariable;

/**
 * The agent who listens to the customer owns the case from then on ("you, you're the one that answered
 * the phone"): later steps, the callback and every customer message go to them. Listening is the customer's first
 * response only when the agent spoke to them ({@code spokeToCustomer = yes}), see {@link FirstPersonalContact}.
 */
@Component("caseOwnership")
public class CaseOwnershipListener implements TaskListener {

    private final IdentityService identityService;
    private final FirstPersonalContact firstPersonalContact;

    public CaseOwnershipListener(IdentityService identityService, FirstPersonalContact firstPersonalContact) {
        this.identityService = identityService;
        this.firstPersonalContact = firstPersonalContact;
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
        CaseVariable.OWNER.set(task.getExecution(), owner);
        firstPersonalContact.listened(task, "yes".equals(CaseVariables.text(task, "spokeToCustomer")));
    }
}
