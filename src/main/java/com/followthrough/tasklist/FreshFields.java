package com.followthrough.tasklist;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * A note a step writes to its case starts empty each time the step runs. Tasklist fills a form's fields from the
 * variables of the same name that the task sees, so a step that runs again on one case or promise (a second reply to
 * the solution, a late call late again, a second message from the customer) opened with the previous person's note
 * filled in, ready to be submitted as theirs, and passing the refusal of a blank one. On create the task gets an
 * empty variable of its own for each of its fresh fields ({@link #FRESH}), which the form reads and a submitted form
 * writes; on complete, before the step's other listeners, what was submitted becomes the case's variable, where the
 * case header, the insights and KeepPromise read it, and the task's own goes. A completion that sets the case's
 * variables itself ({@code TaskService#complete} with variables, which the engine writes to the execution) leaves the
 * case's as it set it. What the case held before stays readable to the listeners after this one on complete
 * ({@link #caseHadBefore}): a log of the notes reads the earlier one there. The task's copy has no history
 * ({@link TaskContextHistory}): what was submitted is recorded on the case. {@link FreshFieldsPlugin} registers it on
 * the steps of {@link #FRESH}; the bean keeps its name for the process versions whose models named it.
 */
@Component("freshFields")
public class FreshFields implements TaskListener {

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
     * The steps that run more than once on one case or promise, or share a note with another step, and the notes they
     * ask afresh each time. {@link FreshFieldsPlugin} gives each listed step this listener, in every process that has
     * it (the discount trace and its administrators' step run in the case and in the customer feedback).
     */
    static final Map<String, List<String>> FRESH = Map.ofEntries(
            Map.entry("Task_DecideOnCustomerReply", List.of(REPLY_DECISION, CaseVariable.REPLY_NOTE.name())),
            Map.entry("Task_DecideOnCustomerReplyAsSupervisor",
                    List.of(REPLY_DECISION, CaseVariable.REPLY_NOTE.name())),
            Map.entry("Task_KeepPromiseAtRisk", List.of(CaseVariable.SUPERVISOR_ACTION.name())),
            Map.entry("Task_MakeSureCustomerHearsFromOwner", List.of(CaseVariable.SUPERVISOR_ACTION.name())),
            Map.entry("Task_AnswerCustomerMessage", List.of(REPLY_TEXT, CUSTOMER_QUESTION)),
            Map.entry("Task_AnswerCustomerMessageAsSupervisor", List.of(REPLY_TEXT)),
            Map.entry("Task_AnswerCustomerMessageAtOnce", List.of(REPLY_TEXT)),
            Map.entry("Task_DiagnoseProblem", List.of(CUSTOMER_QUESTION)),
            Map.entry("Task_TraceDiscountOffer", List.of(DISCOUNT_TRACE)),
            Map.entry("Task_ApproveReimbursement", List.of(APPROVAL_NOTE)),
            Map.entry("Task_CallForALastChance", List.of(LAST_CHANCE_NOTES)),
            Map.entry("Task_CallForALastChanceOverdue", List.of(LAST_CHANCE_NOTES)),
            Map.entry("Task_MakeSureCustomerGetsFirstResponse", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_ChaseSpecialistAdvice", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_ChaseSpecialistAdviceNow", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_ChaseExpertSearch", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_MakeSureCustomerHearsFromOwnerNow", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_GetCustomerReplyDecided", List.of(CaseVariable.CHASE_NOTE.name())),
            Map.entry("Task_TraceDiscountOfferNow", List.of(CaseVariable.CHASE_NOTE.name())));

    /** Every fresh field, by name. */
    static final Set<String> FIELDS = FRESH.values().stream().flatMap(List::stream)
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public void notify(DelegateTask task) {
        List<String> fields = FRESH.getOrDefault(task.getTaskDefinitionKey(), List.of());
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            fields.forEach(field -> task.setVariableLocal(field, null));
            return;
        }
        for (String field : fields) {
            if (!task.hasVariableLocal(field)) {
                continue;
            }
            Object submitted = task.getVariableLocal(field);
            task.removeVariableLocal(field);
            if (submitted != null) {
                Object before = task.getExecution().getVariable(field);
                task.setVariableLocal(BEFORE + field, Variables.untypedValue(before == null ? "" : before, true));
                task.getExecution().setVariable(field, submitted);
            }
        }
    }

    /** Whether the task's step asks {@code field} afresh each time it runs. */
    public static boolean asksAfresh(DelegateTask task, String field) {
        return FRESH.getOrDefault(task.getTaskDefinitionKey(), List.of()).contains(field);
    }

    /**
     * What the case held in {@code field} before this completion made the submitted value the case's, for the
     * listeners after this one on complete (empty when it held nothing); none if this completion did not move it.
     * Only this task's process instance: the case's variable it wrote is the one its execution sees.
     */
    public static Optional<Object> caseHadBefore(DelegateTask task, String field) {
        return Optional.ofNullable(task.getVariableLocal(BEFORE + field));
    }
}
