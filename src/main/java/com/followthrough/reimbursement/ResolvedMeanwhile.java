package com.followthrough.reimbursement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * A resolution that came while a reimbursement was under way ("Left to the reimbursement under way") decided nothing
 * beside it, so the offer and its dates stay as the customer read them. It is remembered
 * ({@code resolvedWhileReimbursementUnderWay}) and taken up when that reimbursement is paid or declined: "Resolved
 * again meanwhile?" sends the case back to "Check the guarantees we gave", which decides the costs that resolution
 * recorded beyond what was decided (a higher cost: the difference). Taking that flow ({@code take}) forgets it again.
 */
@Component("resolvedMeanwhile")
public class ResolvedMeanwhile implements ExecutionListener {

    public static final String RESOLVED_MEANWHILE = "resolvedWhileReimbursementUnderWay";

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(RESOLVED_MEANWHILE, !EVENTNAME_TAKE.equals(execution.getEventName()));
    }
}
