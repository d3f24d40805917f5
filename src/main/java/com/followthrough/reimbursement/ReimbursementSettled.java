package com.followthrough.reimbursement;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.followthrough.feedback.ReimbursementInFeedback;
import com.followthrough.vocabulary.CaseVariable;

/**
 * The end of a reimbursement that was owed, paid or declined ("Reimbursement paid", "Reimbursement declined"): it is
 * no longer under way ({@code reimbursementUnderWay}, set by the decision). A later resolution of the case decides
 * beside none that is under way, so an offer, approval or payment keeps the amount and dates the customer read;
 * once this one is settled, a resolution with a higher cost is decided the difference, also one that came while it
 * was under way ({@link ResolvedMeanwhile}). A case closed meanwhile has its feedback told what was paid or declined
 * ({@link ReimbursementInFeedback}).
 */
@Component("reimbursementSettled")
public class ReimbursementSettled implements ExecutionListener {

    private final ReimbursementInFeedback feedback;

    public ReimbursementSettled(ReimbursementInFeedback feedback) {
        this.feedback = feedback;
    }

    @Override
    public void notify(DelegateExecution execution) {
        CaseVariable.REIMBURSEMENT_UNDER_WAY.set(execution, false);
        feedback.copy(execution.getProcessBusinessKey(), execution);
    }
}
