package com.followthrough.promise;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * The case variables a KeepPromise instance gets: those it reads, and only those the calling case has (a variable
 * passed as {@code camunda:in source} it lacks would be created as null, a row of runtime and history for nothing).
 * Before, {@code camunda:in variables="all"} copied every case variable, ~50, most of them never read there (the
 * reimbursement windows and amounts, the diagnosis outcome, the opening time...), and each copy was written to the
 * history again. An explicit {@code camunda:in} of the call activity (such as {@code owner} on a last-chance call)
 * stays as it is; what comes back are the call activity's {@code camunda:out}s and the question
 * ({@link #mapOutputVariables}).
 */
@Component("keepPromiseVariables")
public class KeepPromiseVariables implements DelegateVariableMapping {

    /**
     * What KeepPromise reads: its expressions and delegates (the promise ledger, the customer messages it sends and
     * their templates), its tasks' names, and its forms' case context (TaskPresentation's list columns and shown texts,
     * and what the one case header reads). {@code KeepPromiseVariablesTest} checks this list against the model, the
     * forms and those lists.
     */
    public static final List<String> READ = List.of(
            // the case, its customer and who works on it
            "caseReference", "followUpOf", "customerName", "customerEmail", "customerPhone", "plan", "language",
            "channel", "priority", "taskPriority", "team", "owner", "subject", "description",
            // what people wrote, shown on the forms
            "callbackNumber", "preferredContactChannel", "problemInCustomersWords", "questionsAsked", "factsGathered",
            "spokeToCustomer", "firstResponseNote", "discountRequested", "diagnosis", "specialistDiagnosis",
            "expertName", "faultParty", "nextActions", "lastCallNotes", "supervisorActions",
            "resolutionSummary", "replyNote", "inboundText", "satisfactionComment",
            // what the case header says of the money: cost the customer bore, a reimbursement, its approval and who
            // decided it
            "customerCost", "reimbursementKind", "reimbursementAmount", "reimbursementAmountOffered",
            "approvalDecision", "approvalDecidedBy", "approvalNeeded", "reimbursementUnderWay",
            // the promise and the messages about it
            "callbackAt", "callbackDueAt", "supportPhoneNumber", "updateInterval", "quietPeriod", "caseClosedAlready",
            "agreedCallbackAt", "agreedCallbackBy", "messageOnListen",
            // a caller's camunda:out sourceExpression is evaluated in KeepPromise (the last-chance call's new due date)
            "lastChanceWindow",
            // deadlines the forms show, and the first personal contact a reached callback may be (not the last-chance
            // call's, NOT_PASSED)
            "firstResponseDueAt", "firstRespondedAt", "firstResponseState", "answerDueAt", "colleagueAnswerDueAt",
            "specialistAdviceDueAt", "resolutionDueAt", "resolvedAt", "approvalDueAt", "reimbursementDueAt",
            // what makes a deadline done in the header where the step records no time of its own; a reopening
            // since the resolution makes the fresh resolution date open again, and answers the reply it was made on
            "ownerContactOwed", "reopenedAt", "messageReceivedAt");

    /**
     * What the case header reads that KeepPromise is not given. {@code lastChanceDueAt}: the only caller that has it is
     * the last-chance call, which was made when it promised the callback, so its deadline is met; passed in, the
     * callback's header read "Last-chance call: by ... · **overdue**" once the window had passed. Nor when that call
     * was made ({@code lastChanceCalledAt}), which makes the deadline done where it is shown.
     */
    public static final List<String> NOT_PASSED = List.of("lastChanceDueAt", "lastChanceCalledAt");

    @Override
    public void mapInputVariables(DelegateExecution caller, VariableMap keepPromise) {
        for (String name : READ) {
            if (!keepPromise.containsKey(name) && caller.hasVariable(name)) {
                keepPromise.putValueTyped(name, caller.getVariableTyped(name));
            }
        }
    }

    /**
     * The question a callback asked the customer (callbackOutcome {@code waitForCustomer}), which the support case then
     * sends in writing ({@code WaitForCustomerDelegate}).
     */
    static final String CUSTOMER_QUESTION = "customerQuestion";

    /**
     * The call activity's {@code camunda:out}s bring back the outcome and the attempts (the element template's). The
     * question comes back here: when the callback asked one, and as a null that clears an earlier question the case
     * has; a caller that has none gets no null variable. The engine passes a call activity's outputs when the
     * escalation "Promise at risk" leaves it too, so a {@code camunda:out} wrote a null question (a runtime row and
     * two of history) on every late callback, and on every callback that asked nothing (issue 16).
     */
    @Override
    public void mapOutputVariables(DelegateExecution caller, VariableScope keepPromise) {
        Object question = keepPromise.getVariable(CUSTOMER_QUESTION);
        if (question != null || caller.hasVariable(CUSTOMER_QUESTION)) {
            caller.setVariable(CUSTOMER_QUESTION, question);
        }
    }
}
