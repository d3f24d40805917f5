package com.followthrough.vocabulary;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable that several steps of a case share, by name and type: read and written here instead of as
 * {@code (String) execution.getVariable("caseReference")} in every class that needs it. The names are the ones the
 * models, forms and templates use ({@code ${caseReference}}); {@code ModelChecks} counts a {@code set}/{@code put}
 * through one of these keys as a write of its variable.
 *
 * @param <T> the value's type as the case stores it
 */
public final class CaseVariable<T> {

    // The case as opened: by intake (REST or start form), the case file delegate, and the routing decision.
    public static final CaseVariable<String> CASE_REFERENCE = text("caseReference");
    public static final CaseVariable<String> CUSTOMER_NAME = text("customerName");
    public static final CaseVariable<String> CUSTOMER_EMAIL = text("customerEmail");
    public static final CaseVariable<String> CUSTOMER_PHONE = text("customerPhone");
    /** A {@link Plan} id. */
    public static final CaseVariable<String> PLAN = text("plan");
    /** A {@link Language} id. */
    public static final CaseVariable<String> LANGUAGE = text("language");
    /** A {@link Channel} id. */
    public static final CaseVariable<String> CHANNEL = text("channel");
    /** A {@link Priority} id. */
    public static final CaseVariable<String> PRIORITY = text("priority");
    /** The Tasklist priority of every task of the case ({@code camunda:priority="${taskPriority}"}). */
    public static final CaseVariable<Integer> TASK_PRIORITY = new CaseVariable<>("taskPriority", Integer.class);
    public static final CaseVariable<String> SUBJECT = text("subject");
    public static final CaseVariable<String> DESCRIPTION = text("description");
    /** The number to call the customer back on; the customer's phone until Listen records another. */
    public static final CaseVariable<String> CALLBACK_NUMBER = text("callbackNumber");
    /** The number the customer can call us on, as their messages state it. */
    public static final CaseVariable<String> SUPPORT_PHONE_NUMBER = text("supportPhoneNumber");
    /** The group that speaks the customer's language. */
    public static final CaseVariable<String> TEAM = text("team");
    /** The user id of the agent who owns the case (C: "you're the one that answered the phone"). */
    public static final CaseVariable<String> OWNER = text("owner");

    // The service levels: deadlines stored on the case so that timers, due dates and reports agree.
    /** An ISO-8601 duration on the plan's business calendar. */
    public static final CaseVariable<String> UPDATE_INTERVAL = text("updateInterval");
    public static final CaseVariable<Date> FIRST_RESPONSE_DUE_AT = moment("firstResponseDueAt");
    public static final CaseVariable<Date> FIRST_RESPONDED_AT = moment("firstRespondedAt");
    public static final CaseVariable<Date> RESOLUTION_DUE_AT = moment("resolutionDueAt");
    public static final CaseVariable<Date> RESOLVED_AT = moment("resolvedAt");
    /** The callback promised last, as the agent agreed it with the customer. */
    public static final CaseVariable<Date> CALLBACK_DUE_AT = moment("callbackDueAt");
    /**
     * When the callback due at {@link #CALLBACK_DUE_AT} was made, reached or not: set by "Record the callback made",
     * cleared when a call is due again (a new promise, the next attempt a voicemail promises).
     */
    public static final CaseVariable<Date> CALLBACK_MADE_AT = moment("callbackMadeAt");
    /** When the owner answers the customer's latest message. */
    public static final CaseVariable<Date> ANSWER_DUE_AT = moment("answerDueAt");
    /** When the customer hears from the owner while a specialist advises. */
    public static final CaseVariable<Date> SPECIALIST_ADVICE_DUE_AT = moment("specialistAdviceDueAt");
    /**
     * The customer was told they hear from the owner by {@code specialistAdviceDueAt} and has not yet: set when they
     * are told, cleared by the owner's word (a callback promised, a personal contact). "Customer awaits the owner"
     * reads it at that date.
     */
    public static final CaseVariable<Boolean> OWNER_CONTACT_OWED =
            new CaseVariable<>("ownerContactOwed", Boolean.class);
    /**
     * When the colleague a supervisor handed a late answer to is to have answered: the plan's next-reply target from
     * the hand-over ({@code AnswerTakeover}); its timer brings the supervisors in again.
     */
    public static final CaseVariable<Date> COLLEAGUE_ANSWER_DUE_AT = moment("colleagueAnswerDueAt");
    /**
     * The customer's messages the case still owes an answer, 0 from the opening; -1 once the case is closing
     * ({@code communication.AnswersOwedListener}).
     */
    public static final CaseVariable<Integer> ANSWERS_OWED = new CaseVariable<>("answersOwed", Integer.class);
    /**
     * Whether the resolved case waits for the customer's word on the solution ({@code Gateway_AwaitCustomer}), for the
     * update cycle beside that wait ({@code communication.ResolvedCaseWait}).
     */
    public static final CaseVariable<Boolean> AWAITING_CUSTOMERS_WORD =
            new CaseVariable<>("awaitingCustomersWord", Boolean.class);
    /**
     * When the caller a supervisor handed a late callback to is to have called: one retry wait of the plan's working
     * hours from the hand-over ({@code PromiseTakeover}); its timer brings the supervisors in again.
     */
    public static final CaseVariable<Date> HANDED_OVER_CALL_DUE_AT = moment("handedOverCallDueAt");
    /** A late callback a supervisor handed over (without a new time) is still to be made. */
    public static final CaseVariable<Boolean> CALLBACK_HANDED_OVER =
            new CaseVariable<>("callbackHandedOver", Boolean.class);
    /**
     * A supervisor holds the callback now: her own promise, a call she took over, stands in for or claimed from the
     * queue, or one given to her. Late, it goes up to the administrators, not to her peers
     * ({@code workload.PromiseFollowsTheCallback} keeps it true to the holder).
     */
    public static final CaseVariable<Boolean> CALLBACK_HELD_BY_SUPERVISOR =
            new CaseVariable<>("callbackHeldBySupervisor", Boolean.class);
    /** When a supervisor decides on a reimbursement above the agent's authority. */
    public static final CaseVariable<Date> APPROVAL_DUE_AT = moment("approvalDueAt");
    /** When the reimbursement is paid, as the customer was told. */
    public static final CaseVariable<Date> REIMBURSEMENT_DUE_AT = moment("reimbursementDueAt");
    /** When the last-chance call after a poor rating is due. */
    public static final CaseVariable<Date> LAST_CHANCE_DUE_AT = moment("lastChanceDueAt");
    /**
     * When the last-chance call due at {@link #LAST_CHANCE_DUE_AT} was made: set when the call is completed, cleared
     * when a call comes round again ({@code feedback.LastChanceCallListener}).
     */
    public static final CaseVariable<Date> LAST_CHANCE_CALLED_AT = moment("lastChanceCalledAt");

    // What people found out and decided, as the forms record it and every form's case header shows it.
    public static final CaseVariable<String> FOLLOW_UP_OF = text("followUpOf");
    public static final CaseVariable<String> PROBLEM_IN_CUSTOMERS_WORDS = text("problemInCustomersWords");
    public static final CaseVariable<String> FACTS_GATHERED = text("factsGathered");
    public static final CaseVariable<String> QUESTIONS_ASKED = text("questionsAsked");
    /**
     * What a supervisor (or an administrator) told the customer on "Give the customer a first response", and what the
     * customer told them: the owner goes on from it, as that form says.
     */
    public static final CaseVariable<String> FIRST_RESPONSE_NOTE = text("firstResponseNote");
    /** A {@link Channel} id. */
    public static final CaseVariable<String> PREFERRED_CONTACT_CHANNEL = text("preferredContactChannel");
    public static final CaseVariable<Boolean> DISCOUNT_REQUESTED = new CaseVariable<>("discountRequested", Boolean.class);
    public static final CaseVariable<String> DIAGNOSIS = text("diagnosis");
    public static final CaseVariable<String> SPECIALIST_DIAGNOSIS = text("specialistDiagnosis");
    /**
     * What a supervisor did to keep a promise or to get the customer to hear from the owner ("Keep the promise at
     * risk", "Make sure the customer hears from the owner"), and what the customer told her if she reached them: the
     * owner goes on from it.
     */
    public static final CaseVariable<String> SUPERVISOR_ACTION = text("supervisorAction");
    /**
     * What a supervisor or an administrator did on a chase, brought in on a step left undone ("Make sure ...",
     * "... now"); several chases, of one kind or another, write it on one case.
     */
    public static final CaseVariable<String> CHASE_NOTE = text("chaseNote");
    /**
     * What every step on the case where someone stepped in did, oldest first ({@link SupervisorAction}): the
     * supervisors' steps ({@link #SUPERVISOR_ACTION}) and the chases, the administrators' too ({@link #CHASE_NOTE}). A
     * later step's note used to replace an earlier one's in {@link #SUPERVISOR_ACTION}, and the owner read only the
     * latest; a chase's was shown on no form. A name of its own, no form's field.
     */
    public static final CaseVariable<String> SUPERVISOR_ACTIONS = text("supervisorActions");
    /**
     * The notes of the last promised call ("Notes from the call", {@code callbackNotes} of KeepPromise's call tasks):
     * what the customer said, whoever made the call (the owner, a stand-in, a colleague from the queue, a supervisor).
     * A name of its own: passed into the next KeepPromise as {@code callbackNotes}, it would fill that call's form.
     */
    public static final CaseVariable<String> LAST_CALL_NOTES = text("lastCallNotes");
    /** Who gave the answer a supervisor found ("Find someone who knows"), so that the owner can ask them again. */
    public static final CaseVariable<String> EXPERT_NAME = text("expertName");
    /** A {@link FaultParty} id. */
    public static final CaseVariable<String> FAULT_PARTY = text("faultParty");
    /** What the owner promised to do before the callback. */
    public static final CaseVariable<String> NEXT_ACTIONS = text("nextActions");
    /**
     * Calls that did not reach the customer for the promise kept now (0 when it was made): KeepPromise's own. The
     * case keeps the count of the last promise it kept (the call activity brings it back), which no callback of the
     * case has open any more.
     */
    public static final CaseVariable<Number> CALLBACK_ATTEMPTS = number("callbackAttempts");
    /**
     * The promise a KeepPromise instance keeps, in the ledger ({@code ft_promise}): only the callback's own steps
     * have it, the case never.
     */
    public static final CaseVariable<Number> PROMISE_ID = number("promiseId");
    public static final CaseVariable<String> RESOLUTION_SUMMARY = text("resolutionSummary");
    /**
     * The note of whoever decided on the customer's reply to the solution ("Decide on the customer's reply", the
     * owner's or the supervisors'): what the customer says is still wrong, or how they confirmed. The latest reply's.
     */
    public static final CaseVariable<String> REPLY_NOTE = text("replyNote");
    /** The cost the customer bore, in EUR, as the owner documented it on resolving. */
    public static final CaseVariable<Number> CUSTOMER_COST = number("customerCost");
    public static final CaseVariable<String> REIMBURSEMENT_KIND = text("reimbursementKind");
    /** In EUR: what the last decision that owed something decided (a reopened case's difference). */
    public static final CaseVariable<Number> REIMBURSEMENT_AMOUNT = number("reimbursementAmount");
    /** In EUR: what "Offer the reimbursement" offered the customer in all, over the case's resolutions. */
    public static final CaseVariable<Number> REIMBURSEMENT_AMOUNT_OFFERED = number("reimbursementAmountOffered");
    /** The last reimbursement decided is above the agent's authority: someone with the authority approves it. */
    public static final CaseVariable<Boolean> APPROVAL_NEEDED = new CaseVariable<>("approvalNeeded", Boolean.class);
    /**
     * A reimbursement decided is not yet paid or declined: set by the decision that owed it, cleared when it is
     * settled ({@code reimbursement.ReimbursementSettled}).
     */
    public static final CaseVariable<Boolean> REIMBURSEMENT_UNDER_WAY =
            new CaseVariable<>("reimbursementUnderWay", Boolean.class);
    /** The user id of whoever decided on a reimbursement that needed approval. */
    public static final CaseVariable<String> APPROVAL_DECIDED_BY = text("approvalDecidedBy");
    /** What they decided on it: {@code approve} or {@code decline} ("Approve the reimbursement"). */
    public static final CaseVariable<String> APPROVAL_DECISION = text("approvalDecision");

    private final String name;
    private final Class<T> type;

    private CaseVariable(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    private static CaseVariable<String> text(String name) {
        return new CaseVariable<>(name, String.class);
    }

    private static CaseVariable<Date> moment(String name) {
        return new CaseVariable<>(name, Date.class);
    }

    private static CaseVariable<Number> number(String name) {
        return new CaseVariable<>(name, Number.class);
    }

    /** The variable's name, as the models, forms and templates use it. */
    public String name() {
        return name;
    }

    /** The value, or null when the case does not have it. */
    public T get(VariableScope variables) {
        return typed(variables.getVariable(name));
    }

    /** The same for variables not (or no longer) on a running case: start variables, or a case's history. */
    public T get(Map<String, ?> variables) {
        return typed(variables.get(name));
    }

    /** The value as trimmed text, or "" when the case does not have it (forms and the API hand text over padded). */
    public String text(VariableScope variables) {
        return asText(variables.getVariable(name));
    }

    public String text(Map<String, ?> variables) {
        return asText(variables.get(name));
    }

    public void set(VariableScope variables, T value) {
        variables.setVariable(name, value);
    }

    /** Sets it on the execution (or its nearest scope that has it, like {@link VariableScope#setVariable}). */
    public void set(RuntimeService runtime, String executionId, T value) {
        runtime.setVariable(executionId, name, value);
    }

    /** Adds it to variables a case will start with. */
    public void put(Map<String, Object> variables, T value) {
        variables.put(name, value);
    }

    private T typed(Object value) {
        if (value != null && !type.isInstance(value)) {
            throw new IllegalStateException("Case variable '" + name + "' holds a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static String asText(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    @Override
    public String toString() {
        return name;
    }
}
