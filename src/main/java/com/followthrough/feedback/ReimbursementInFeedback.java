package com.followthrough.feedback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * The case's reimbursement as its feedback knows it: copied when the case closes ({@link AskForFeedbackDelegate}),
 * and again whenever the reimbursement moves on after that (an approval decided, the offer sent, a payment made or a
 * decline), so that the supervisor who calls for a last chance reads what was decided and offered, not the copy the
 * close made. The running feedback of the case (business key = the case reference) gets the case's values, a cleared
 * one as cleared. As an execution listener ({@code ${reimbursementInFeedback}}) it copies when "Offer the
 * reimbursement" has added its amount to {@code reimbursementAmountOffered} (on the flow out of it).
 */
@Component("reimbursementInFeedback")
public class ReimbursementInFeedback implements ExecutionListener {

    /** What the feedback's header and survey read of the reimbursement. */
    static final List<String> FACTS = List.of(CaseVariable.REIMBURSEMENT_KIND.name(),
            CaseVariable.REIMBURSEMENT_AMOUNT.name(), CaseVariable.REIMBURSEMENT_AMOUNT_OFFERED.name(),
            CaseVariable.APPROVAL_NEEDED.name(), CaseVariable.APPROVAL_DECISION.name(),
            CaseVariable.APPROVAL_DECIDED_BY.name());

    private final RuntimeService runtimeService;

    public ReimbursementInFeedback(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Override
    public void notify(DelegateExecution supportCase) {
        copy(supportCase.getProcessBusinessKey(), supportCase);
    }

    /** Copies the case's reimbursement to its running feedback, if the case has closed and asked for one. */
    public void copy(String caseReference, VariableScope supportCase) {
        Map<String, Object> values = new HashMap<>();
        FACTS.forEach(name -> values.put(name, supportCase.getVariable(name)));
        runtimeService.createProcessInstanceQuery().processDefinitionKey(Processes.CUSTOMER_FEEDBACK)
                .processInstanceBusinessKey(caseReference).list()
                .forEach(feedback -> runtimeService.setVariables(feedback.getId(), values));
    }
}
