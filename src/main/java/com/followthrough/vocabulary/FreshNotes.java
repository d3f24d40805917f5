package com.followthrough.vocabulary;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The notes a step asks afresh each time it runs, by step ({@link #BY_STEP}): {@code tasklist.FreshFields} starts them
 * empty on the task and moves what was submitted to the case on complete, keeping what the case held before for the
 * listeners after it ({@link #caseHadBefore}; {@code promise.WhatSupervisorsDid} logs the earlier note from there).
 */
public final class FreshNotes {

    /** A transient variable of the task (never stored) with what the case held in a field before it was moved. */
    private static final String BEFORE = "freshFields.before.";

    /** The answer to a customer's message, which the reply sends. */
    private static final String REPLY_TEXT = "replyText";

    /** What a reply to the solution decides: reopen the case, or close it. */
    private static final String REPLY_DECISION = "replyDecision";

    /** What a trace of a discount request found: who offers the discount. */
    private static final String DISCOUNT_TRACE = "discountTrace";

    /** What the customer said on a last-chance call. */
    private static final String LAST_CHANCE_NOTES = "lastChanceNotes";

    /**
     * Why a supervisor or administrator decided on a reimbursement as they did: a later resolution's difference needs
     * an approval of its own, and the first reason is not this one's.
     */
    private static final String APPROVAL_NOTE = "approvalNote";

    /** A question to the customer, which "Wait for the customer" sends. */
    private static final String CUSTOMER_QUESTION = "customerQuestion";

    /**
     * Where the owner's diagnosis leaves the case (solved, answer known, a specialist, a question to the customer): a
     * diagnosis again, after the customer answered or a callback did not solve it, decides anew, not with the last
     * decision already chosen. A specialist's diagnosis shares it (solved, answer known, "I don't know either"), and
     * the supervisors' search for someone who knows (solved, answer known, nobody knows yet).
     */
    private static final String DIAGNOSIS_OUTCOME = "diagnosisOutcome";

    /**
     * The steps that run more than once on one case or promise, or share a note with another step, and the notes they
     * ask afresh each time. {@code tasklist.FreshFieldsPlugin} gives each listed step its listener, in every process
     * that has it (the discount trace and its administrators' step run in the case and in the customer feedback).
     */
    public static final Map<String, List<String>> BY_STEP = Map.ofEntries(
            Map.entry("Task_DecideOnCustomerReply", List.of(REPLY_DECISION, CaseVariable.REPLY_NOTE.name())),
            Map.entry("Task_DecideOnCustomerReplyAsSupervisor",
                    List.of(REPLY_DECISION, CaseVariable.REPLY_NOTE.name())),
            Map.entry("Task_KeepPromiseAtRisk", List.of(CaseVariable.SUPERVISOR_ACTION.name())),
            Map.entry("Task_MakeSureCustomerHearsFromOwner", List.of(CaseVariable.SUPERVISOR_ACTION.name())),
            Map.entry("Task_MakeSureNewCallTimeIsPromised", List.of(CaseVariable.SUPERVISOR_ACTION.name())),
            Map.entry("Task_AnswerCustomerMessage", List.of(REPLY_TEXT, CUSTOMER_QUESTION)),
            Map.entry("Task_AnswerCustomerMessageAsSupervisor", List.of(REPLY_TEXT)),
            Map.entry("Task_AnswerCustomerMessageAtOnce", List.of(REPLY_TEXT)),
            Map.entry("Task_DiagnoseProblem",
                    List.of(CaseVariable.DIAGNOSIS.name(), DIAGNOSIS_OUTCOME, CUSTOMER_QUESTION)),
            // Who is at fault is not asked afresh: the form opens with the owner's assessment, to be corrected.
            Map.entry("Task_DiagnoseAsSpecialist",
                    List.of(CaseVariable.SPECIALIST_DIAGNOSIS.name(), DIAGNOSIS_OUTCOME)),
            // The answer opens with what the specialist found, as the form says; who knows and the outcome are asked.
            Map.entry("Task_FindSomeoneWhoKnows", List.of(CaseVariable.EXPERT_NAME.name(), DIAGNOSIS_OUTCOME)),
            Map.entry("Task_TraceDiscountOffer", List.of(DISCOUNT_TRACE)),
            Map.entry("Task_ApproveReimbursement", List.of(APPROVAL_NOTE)),
            Map.entry("Task_CallForALastChance", List.of(LAST_CHANCE_NOTES)),
            Map.entry("Task_CallForALastChanceOverdue", List.of(LAST_CHANCE_NOTES)),
            Map.entry("Task_MakeSureCustomerGetsFirstResponse", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_ChaseSpecialistAdvice", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_ChaseSpecialistAdviceNow", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_ChaseExpertSearch", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_MakeSureCustomerHearsFromOwnerNow", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_MakeSureNewCallTimeIsPromisedNow", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_GetCustomerReplyDecided", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_TraceDiscountOfferNow", List.of(CaseVariable.CHASE_NOTE.name())));

    /** Every fresh field, by name. */
    public static final Set<String> FIELDS = BY_STEP.values().stream().flatMap(List::stream)
            .collect(Collectors.toUnmodifiableSet());

    private FreshNotes() {
    }

    /** Keeps, for this completion only, what the case held in {@code field} before the submitted note replaced it. */
    public static void keepCaseHadBefore(VariableScope task, String field, Object before) {
        task.setVariableLocal(BEFORE + field, Variables.untypedValue(before == null ? "" : before, true));
    }

    /**
     * What the case held in {@code field} before this completion made the submitted value the case's, for the
     * listeners after {@code tasklist.FreshFields} on complete (empty when it held nothing); none if this completion
     * did not move it. Only the task's own process instance: the case's variable it wrote is the one its execution
     * sees.
     */
    public static Optional<Object> caseHadBefore(VariableScope task, String field) {
        return Optional.ofNullable(task.getVariableLocal(BEFORE + field));
    }
}
