package com.followthrough.discount;

import java.sql.Timestamp;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.TaskActor;

/**
 * A discount request is traced the moment it is made (C: "If I ask you for a discount, find out who in your company
 * is offering the discount"), whichever step heard it: on completing Listen, a callback, an answer (the owner's, or
 * the supervisors' or administrators' when the owner's was late), the supervisors' first response or the decision on a
 * reply to the solution (the owner's, or the supervisors' when it was late), or the last-chance call after the case
 * closed (the supervisors', or the administrators' when it was late) with {@code discountRequested} ticked, the
 * request is recorded ({@code ft_discount_request}: step, who, when) and the case gets "Trace the discount offer" for
 * the supervisors at once ({@code Message_DiscountRequested}), whatever the fault.
 * The steps after Listen ask afresh each time (their {@code discountRequested} is local to the task), so one
 * request is traced once. A call that did not reach the customer (a callback {@code notReached}, a last-chance call
 * {@code noAnswer}) heard no request: a tick there is refused, naming it, and nothing is recorded or traced; it used
 * to be traced as a request nobody made.
 * <p>
 * The trace starts in the process the case runs in now: the SupportCase while it is open; after it closed, the customer
 * feedback, on whose last-chance call the customer asks, or on the callback promised there (KeepPromise called by
 * it). Both models have the same "Trace a discount request". A feedback on an earlier version without it that could
 * not move to the latest ({@code FeedbackUpgrade}) refuses the tick, naming it and saying what to do, rather than fail
 * the call.
 */
@Component("discountRequests")
public class DiscountRequests implements TaskListener {

    public static final String DISCOUNT_REQUESTED = "Message_DiscountRequested";
    /** Set by the model on a step whose form shows the tick: a constant of the model, kept without history. */
    public static final String TRACED = "discountRequestsTraced";

    /** The steps where a customer may ask, as supervisors read them. */
    public static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("Task_ListenToCustomer", "Listen to the customer"),
            Map.entry("Task_CallCustomerBack", "Call the customer back"),
            Map.entry("Task_CallCustomerAgain", "Call the customer again"),
            Map.entry("Task_AnswerCustomerMessage", "Answer the customer"),
            Map.entry("Task_AnswerCustomerMessageAsSupervisor", "Answer the customer now"),
            Map.entry("Task_AnswerCustomerMessageAtOnce", "Answer the customer at once"),
            Map.entry("Task_GiveFirstResponse", "Give the customer a first response"),
            Map.entry("Task_DecideOnCustomerReply", "Decide on the customer's reply"),
            Map.entry("Task_DecideOnCustomerReplyAsSupervisor", "Decide on the customer's reply now"),
            Map.entry("Task_CallForALastChance", "Call the customer: last chance"),
            Map.entry("Task_CallForALastChanceOverdue", "Call the customer: last chance (overdue)"));

    /**
     * The calls that may miss the customer: the variable saying how the call ended and the outcome of a call that did
     * not reach them. Such a customer asked for nothing on it, so a tick there is refused, as a callback promised on a
     * last-chance call nobody answered is ({@code lastChanceCall}).
     */
    private static final Map<String, Map.Entry<String, String>> MISSED_CALLS = Map.of(
            "Task_CallCustomerBack", Map.entry("callbackOutcome", "notReached"),
            "Task_CallCustomerAgain", Map.entry("callbackOutcome", "notReached"),
            "Task_CallForALastChance", Map.entry("lastChanceOutcome", "noAnswer"),
            "Task_CallForALastChanceOverdue", Map.entry("lastChanceOutcome", "noAnswer"));

    private final JdbcClient jdbc;
    private final EngineClock clock;

    public DiscountRequests(JdbcClient jdbc, EngineClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable("discountRequested"))) {
            return;
        }
        Map.Entry<String, String> missed = MISSED_CALLS.get(task.getTaskDefinitionKey());
        if (missed != null && missed.getValue().equals(task.getVariable(missed.getKey()))) {
            throw RefusedEntryException.naming("discountRequested", "you could not reach the customer, so they asked"
                    + " for no discount on this call. Untick it, or say how the call ended");
        }
        String root = CaseVariables.topProcess(task.getExecution()).getProcessInstanceId();
        if (task.getProcessEngineServices().getRuntimeService().createEventSubscriptionQuery().processInstanceId(root)
                .eventType("message").eventName(DISCOUNT_REQUESTED).count() == 0) {
            throw RefusedEntryException.naming("discountRequested", "this case's customer feedback runs on an earlier"
                    + " version of the process, which cannot trace a discount request. Untick it, complete the call,"
                    + " and ask a supervisor to trace the request");
        }
        String step = task.getTaskDefinitionKey();
        String recordedBy = TaskActor.of(task);
        String caseReference = task.getExecution().getProcessBusinessKey();
        jdbc.sql("""
                INSERT INTO ft_discount_request (case_reference, requested_at, step, recorded_by)
                VALUES (:ref, :at, :step, :by)
                """)
                .param("ref", caseReference)
                .param("at", Timestamp.from(clock.now()))
                .param("step", step)
                .param("by", recordedBy)
                .update();
        task.getProcessEngineServices().getRuntimeService().createMessageCorrelation(DISCOUNT_REQUESTED)
                .processInstanceId(root)
                .setVariableLocal("discountRequestStep", STEPS.getOrDefault(step, task.getName()))
                .setVariableLocal("discountRequestRecordedBy", recordedBy)
                .setVariableLocal("discountRequestRecordedByName", nameOf(task, recordedBy))
                .setVariableLocal("discountRequestedAt", clock.nowAsDate())
                .correlateWithResult();
    }

    /** What a supervisor reads: "Anna Clarke", or the user id when there is no such user. */
    private static String nameOf(DelegateTask task, String userId) {
        User user = task.getProcessEngineServices().getIdentityService().createUserQuery().userId(userId).singleResult();
        return user == null ? userId : (user.getFirstName() + " " + user.getLastName()).trim();
    }
}
