package com.followthrough.feedback;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * "Ask the customer for feedback", the last step of a case: starts "Hear the customer after the case"
 * (CustomerFeedback) for the same reference, with what the survey, the last-chance decision and the supervisor's call
 * need to know of the case. The case then closes; its feedback goes on in a process of its own.
 */
@Component("askForFeedback")
public class AskForFeedbackDelegate implements JavaDelegate {

    public static final String FEEDBACK_REQUESTED = "Message_FeedbackRequested";

    /**
     * The case as the survey and the supervisor who calls for a last chance see it (its reimbursement too, which
     * {@link ReimbursementInFeedback} copies again when it moves on after the close), and the
     * supervisors' window to trace a discount asked for on a callback promised on that call
     * ({@code reimbursementApprovalWindow}).
     */
    static final List<String> CASE_FACTS = List.of(CaseVariable.CASE_REFERENCE.name(), CaseVariable.CUSTOMER_NAME.name(),
            CaseVariable.CUSTOMER_EMAIL.name(), CaseVariable.CUSTOMER_PHONE.name(), CaseVariable.CALLBACK_NUMBER.name(),
            CaseVariable.LANGUAGE.name(), CaseVariable.PLAN.name(), CaseVariable.TEAM.name(), CaseVariable.SUBJECT.name(),
            CaseVariable.DESCRIPTION.name(), CaseVariable.OWNER.name(), CaseVariable.SUPPORT_PHONE_NUMBER.name(),
            CaseVariable.TASK_PRIORITY.name(), "faultParty", "resolutionSummary", "promisesBroken",
            "guaranteeBreached", "firstResponseLate", "resolutionLate", "reimbursementApprovalWindow");

    private final RuntimeService runtimeService;
    private final FeedbackProperties properties;

    public AskForFeedbackDelegate(RuntimeService runtimeService, FeedbackProperties properties) {
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        VariableMap variables = Variables.createVariables();
        CASE_FACTS.forEach(name -> variables.putValue(name, execution.getVariable(name)));
        ReimbursementInFeedback.FACTS.forEach(name -> variables.putValue(name, execution.getVariable(name)));
        variables.putValue("surveyWindow", properties.surveyWindow().toString());
        variables.putValue("lastChanceWindow", properties.lastChanceWindow().toString());
        variables.putValue("surveyCommentWindow", properties.commentWindow().toString());
        runtimeService.createMessageCorrelation(FEEDBACK_REQUESTED)
                .processInstanceBusinessKey(execution.getProcessBusinessKey())
                .setVariables(variables)
                .correlateStartMessage();
    }
}
