package com.followthrough.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * "Customer called": records who opened the case in Tasklist ({@code openedBy}), as the start event's
 * {@code camunda:initiator} did. The engine writes an initiator on every start of the process, the message start of
 * the intake API included, where nobody is signed in: a null variable with its history on every case an integrator
 * opened, three statements that told nobody anything (issue 16). On this start event alone it is written as before.
 */
@Component("caseOpenedBy")
public class CaseOpenedByListener implements ExecutionListener {

    public static final String OPENED_BY = "openedBy";

    @Override
    public void notify(DelegateExecution execution) {
        Authentication signedIn = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        execution.setVariable(OPENED_BY, signedIn == null ? null : signedIn.getUserId());
    }
}
