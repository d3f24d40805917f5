package com.followthrough.insights;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.cancellation.CancelledCases;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * Keeps {@code ft_case_fact} up to date from the engine's history events, in the engine's transaction: one row per
 * SupportCase instance with the facts the insights API counts, so no request has to scan {@code ACT_HI_*}.
 * Only events of SupportCase instances that matter are handled; each costs one indexed UPDATE.
 * <p>
 * What the model means, read from {@code processes/support-case.bpmn}:
 * <ul>
 * <li>first response and resolution: the case variables {@code firstRespondedAt} (the first time a person spoke to or
 * wrote personally to the customer, see {@code FirstPersonalContact}; an internal form alone does not count) and {@code resolvedAt} (the owner resolved the problem, the last time after a
 * reopening; {@code firstResolvedAt} the first time), the same moments the case file shows and the guarantee check
 * measures; on time when the first response was not later than {@code firstResponseDueAt};</li>
 * <li>time waiting on the customer: {@code pausedMinutes}, the business minutes the resolution clock stood still;</li>
 * <li>escalation to specialists: "Diagnose as a specialist" started; to supervisors: "Give the customer a first
 * response" (first response overdue), "Keep the promise at risk" (callback overdue), "Answer the customer now"
 * (answer to a message overdue), "Decide on the customer's reply now", "Set a new resolution date" (resolution target missed), "Get the specialist's advice to the owner" or "Find
 * someone who knows" (the specialist didn't know either) started; to administrators: their step above a supervisors'
 * one started (ADMINISTRATOR_ESCALATIONS), or "Keep the promise at risk" offered to them for a supervisor's own late
 * call;</li>
 * <li>reimbursement offered: "Offer the reimbursement" completed; approval as the supervisor decided;</li>
 * <li>discount traced: "Trace the discount offer" completed, in the case or, for a discount asked for on a callback
 * promised on a last-chance call, in the customer feedback;</li>
 * <li>next reply ({@code ft_next_reply}): a customer message in "Customer wrote in" arrived when its
 * {@code answerDueAt} was set, and was answered when "Send the answer" or "Send the supervisor's answer" ended.</li>
 * </ul>
 */
class CaseFactRecorder implements HistoryEventHandler {

    /** The answer time of a customer message, local to its "Customer wrote in" (AttachCustomerMessageDelegate). */
    static final String NEXT_REPLY_DUE = "answerDueAt";
    private static final String ATTACH_CUSTOMER_MESSAGE = "Task_AttachCustomerMessage";
    private static final String REIMBURSE_CUSTOMER = "SubProcess_ReimburseCustomer";

    /** The stage an open case is in once one of these activities starts. */
    static final Map<String, String> STAGES = Map.ofEntries(
            Map.entry("Task_ListenToCustomer", "listening"),
            Map.entry("Task_DiagnoseProblem", "diagnosing"),
            Map.entry("Task_DiagnoseAsSpecialist", "withSpecialist"),
            Map.entry("Task_PromiseCallback", "promisingCallback"),
            Map.entry("CallActivity_KeepPromise", "callbackPromised"),
            Map.entry("Task_ResolveProblem", "resolving"),
            Map.entry("Gateway_AwaitCustomer", "awaitingCustomer"),
            Map.entry(REIMBURSE_CUSTOMER, "reimbursing"),
            // Tracing a discount request runs beside the case (it starts whenever a customer asks), so it is no stage.
            Map.entry("Task_SendClosingSummary", "closing"));

    /**
     * Started in the case; "Keep the promise at risk" also in KeepPromise since issue 16, counted for the case. A
     * reimbursement the owner did not arrange in time goes to the supervisors at Event_ArrangementOverdue (the same
     * "Arrange the reimbursement now" goes to the administrators later, counted at "Tell the customer the new payment
     * date").
     */
    static final Set<String> SUPERVISOR_ESCALATIONS = Set.of("Task_GiveFirstResponse",
            Processes.KEEP_PROMISE_AT_RISK, "Task_DecideOnCustomerReplyAsSupervisor", "Task_SetNewResolutionTarget",
            "Task_ChaseSpecialistAdvice", "Task_FindSomeoneWhoKnows", "Task_AnswerCustomerMessageAsSupervisor",
            "Task_MakeSureCustomerHearsFromOwner", "Task_MakeSureNewCallTimeIsPromised", "Event_ArrangementOverdue");

    /**
     * Started in the case: the administrators brought in because a supervisors' step ran past its window, or an
     * approval or a reimbursement passed the date the customer was told ("Tell the customer ..." hands it to them).
     */
    static final Set<String> ADMINISTRATOR_ESCALATIONS = Set.of("Task_MakeSureCustomerGetsFirstResponse",
            "Task_ChaseSpecialistAdviceNow", "Task_ChaseExpertSearch", "Task_MakeSureCustomerHearsFromOwnerNow",
            "Task_MakeSureNewCallTimeIsPromisedNow", "Task_AnswerCustomerMessageAtOnce",
            "Task_SetNewResolutionTargetNow", "Task_GetCustomerReplyDecided", "Task_TraceDiscountOfferNow",
            "Task_TellCustomerDecisionPending", "Task_TellCustomerReimbursementLate");

    /**
     * Started in KeepPromise or the customer feedback, counted for the case, as "Keep the promise at risk" is; the
     * feedback's "Trace the discount offer now" too (a discount asked for on the callback a last-chance call promised).
     */
    static final Set<String> ADMINISTRATOR_ESCALATIONS_AFTER_A_PROMISE = Set.of("Task_DecideCustomerUnreachableNow",
            "Task_CallForALastChanceOverdue", "Task_TraceDiscountOfferNow");

    /** The supervisors' trace of a discount request, in the case or, after it closed, in the customer feedback. */
    private static final String TRACE_DISCOUNT_OFFER = "Task_TraceDiscountOffer";

    /** Started in the customer feedback when the owner did not read the survey comment in time: for the case. */
    static final String SURVEY_COMMENT_TO_SUPERVISORS = "Task_ReadSurveyCommentAsSupervisor";

    /**
     * The outcome of a case that closed solved, from its row: the one rule for this handler and for the rebuild from
     * the engine's history ({@link CaseFactsFromHistory}). A case resolved again after a reopening ({@code resolved_at},
     * the last resolution, after {@code first_resolved_at}) was not solved at the first contact: its first solution
     * did not hold. A reopening before any resolution (the customer answered the owner's question only after the work
     * stopped) leaves the one solution it got.
     */
    static final String HOW_IT_WAS_SOLVED = """
            CASE WHEN specialist_escalations > 0 THEN 'solvedBySpecialist'
                 WHEN promises_made > 0 THEN 'solvedAfterCallback'
                 WHEN resolved_at > first_resolved_at THEN 'solvedAfterReopening'
                 ELSE 'solvedAtFirstContact' END""";

    private final JdbcClient jdbc;

    CaseFactRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (Processes.KEEP_PROMISE.equals(event.getProcessDefinitionKey())) {
            if (event instanceof HistoricActivityInstanceEventEntity activity
                    && activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
                if (Processes.KEEP_PROMISE_AT_RISK.equals(activity.getActivityId())) {
                    promiseAtRisk(keeping(activity));
                } else if (ADMINISTRATOR_ESCALATIONS_AFTER_A_PROMISE.contains(activity.getActivityId())) {
                    escalatedForTheCase(keeping(activity), "administrator_escalations");
                }
            }
            return;
        }
        if (Processes.CUSTOMER_FEEDBACK.equals(event.getProcessDefinitionKey())) {
            if (event instanceof HistoricActivityInstanceEventEntity activity
                    && activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)
                    && "userTask".equals(activity.getActivityType())) {
                DelegateExecution keeping = keeping(activity);
                if (ADMINISTRATOR_ESCALATIONS_AFTER_A_PROMISE.contains(activity.getActivityId())) {
                    escalatedForTheCase(keeping, "administrator_escalations");
                } else if (SURVEY_COMMENT_TO_SUPERVISORS.equals(activity.getActivityId())) {
                    escalatedForTheCase(keeping, "supervisor_escalations");
                } else if (keepsAPromiseAtRisk(keeping, activity.getActivityId())) {
                    promiseAtRisk(keeping);
                }
            } else if (event instanceof HistoricActivityInstanceEventEntity activity
                    && activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
                    && activity.getActivityInstanceState() != ActivityInstanceState.CANCELED.getStateCode()
                    && TRACE_DISCOUNT_OFFER.equals(activity.getActivityId())) {
                discountTracedForTheCase(keeping(activity));
            }
            return;
        }
        if (!Processes.SUPPORT_CASE.equals(event.getProcessDefinitionKey())) {
            return;
        }
        if (event instanceof HistoricProcessInstanceEventEntity instance) {
            processInstance(instance);
        } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
            activity(activity);
        } else if (event instanceof HistoricVariableUpdateEventEntity variable
                && (event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
                    || event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE))) {
            if (event.getProcessInstanceId().equals(variable.getScopeActivityInstanceId())) {
                variable(variable);
            } else if (NEXT_REPLY_DUE.equals(variable.getVariableName())
                    && event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE) && onCustomerWroteIn(variable)) {
                nextReplyStarted(variable);
            }
        }
    }

    /**
     * "Keep the promise at risk" started: counted for the case that made the promise, found by its reference, the
     * business key of every instance the case runs (the engine holds the step's execution already). A promise made on
     * a last-chance call is kept from the customer feedback, which runs after the case closed: the case is not at the
     * root of its instance. A KeepPromise started without a reference was not started for a case. Offered to the
     * administrators when the late call is a supervisor's own ({@code callbackHeldBySupervisor}), and counted so.
     */
    private void promiseAtRisk(DelegateExecution keeping) {
        escalatedForTheCase(keeping, Boolean.TRUE.equals(CaseVariable.CALLBACK_HELD_BY_SUPERVISOR.get(keeping))
                ? "administrator_escalations" : "supervisor_escalations");
    }

    private void escalatedForTheCase(DelegateExecution execution, String column) {
        String reference = execution.getProcessBusinessKey();
        if (reference == null) {
            return;
        }
        jdbc.sql("UPDATE ft_case_fact SET " + column + " = " + column + " + 1 WHERE case_reference = :reference")
                .param("reference", reference)
                .update();
    }

    /** A discount request traced after the case closed: counted for the case, found by its reference. */
    private void discountTracedForTheCase(DelegateExecution execution) {
        jdbc.sql("UPDATE ft_case_fact SET discount_traced = TRUE WHERE case_reference = :reference")
                .param("reference", execution.getProcessBusinessKey())
                .update();
    }

    private static DelegateExecution keeping(HistoricActivityInstanceEventEntity activity) {
        return Context.getCommandContext().getExecutionManager().findExecutionById(activity.getExecutionId());
    }

    /**
     * The customer feedback's own copy of "Keep the promise at risk", in its versions before the step moved into
     * KeepPromise (instances started then keep it): found by the step's form, as the current models no longer have
     * its id.
     */
    private static boolean keepsAPromiseAtRisk(DelegateExecution execution, String activityId) {
        return execution.getBpmnModelInstance().getModelElementById(activityId) instanceof UserTask task
                && Processes.KEEP_PROMISE_AT_RISK_FORM.equals(task.getCamundaFormRef());
    }

    private void processInstance(HistoricProcessInstanceEventEntity instance) {
        String id = instance.getProcessInstanceId();
        if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
            // Inserted at the commit with what the rest of the command sets (the start variables' events come even
            // before this one), or before a statement of this class that needs the row: one INSERT instead of an
            // INSERT and an UPDATE per case opened (issue 16).
            Map<String, Object> opening = new LinkedHashMap<>();
            opening.put("case_reference", instance.getBusinessKey());
            opening.put("process_definition_id", instance.getProcessDefinitionId());
            opening.put("process_definition_version", instance.getProcessDefinitionVersion());
            opening.put("opened_at", timestamp(instance.getStartTime()));
            opening.put("stage", "opened");
            RowChanges row = pending(id);
            if (row == null) {
                row = new RowChanges();
                row.open(opening);
                write(id, row);
            } else {
                row.open(opening);
            }
        } else if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_MIGRATE)) {
            writePending(id);
            jdbc.sql("""
                    UPDATE ft_case_fact SET process_definition_id = COALESCE(:definition, process_definition_id),
                        process_definition_version = COALESCE(:version, process_definition_version)
                    WHERE process_instance_id = :id
                    """)
                    .param("id", id)
                    .param("definition", instance.getProcessDefinitionId())
                    .param("version", instance.getProcessDefinitionVersion())
                    .update();
        } else if (instance.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
            writePending(id);
            Instant closedAt = instance.getEndTime().toInstant();
            jdbc.sql("""
                    UPDATE ft_case_fact SET closed_at = :closedAt, duration_minutes = :minutes, stage = 'closed',
                        outcome = CASE WHEN :cancelled THEN 'cancelled'
                                       WHEN no_answer_at IS NOT NULL
                                           AND (resolved_at IS NULL OR resolved_at < no_answer_at)
                                           THEN CASE WHEN customer_back_at >= no_answer_at THEN 'confirmedByCustomer'
                                                     ELSE 'closedWithoutAnswer' END
                                       ELSE %s END
                    WHERE process_instance_id = :id
                    """.formatted(HOW_IT_WAS_SOLVED))
                    .param("id", id)
                    .param("closedAt", Timestamp.from(closedAt))
                    .param("minutes", minutesSinceOpened(id, closedAt))
                    .param("cancelled", CancelledCases.asRecorded(instance.getDeleteReason(), instance.getState()))
                    .update();
        }
    }

    private void activity(HistoricActivityInstanceEventEntity activity) {
        String id = activity.getProcessInstanceId();
        String activityId = activity.getActivityId();
        if (activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
            if (STAGES.containsKey(activityId)) {
                update(id, "stage = :value", STAGES.get(activityId));
            }
            if ("Task_DiagnoseAsSpecialist".equals(activityId)) {
                update(id, "specialist_escalations = specialist_escalations + 1", null);
            } else if (SUPERVISOR_ESCALATIONS.contains(activityId)) {
                update(id, "supervisor_escalations = supervisor_escalations + 1", null);
            } else if (ADMINISTRATOR_ESCALATIONS.contains(activityId)) {
                update(id, "administrator_escalations = administrator_escalations + 1", null);
            }
            return;
        }
        if (!activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
                || activity.getActivityInstanceState() == ActivityInstanceState.CANCELED.getStateCode()) {
            return;
        }
        switch (activityId) {
            case "Task_PromiseCallback" -> update(id, "promises_made = promises_made + 1", null);
            // Reopened by the customer (/reopening), or by the owner deciding on the customer's reply.
            case "Event_CaseReopened" -> {
                update(id, "reopened = reopened + 1", null);
                customerBack(id, timestamp(activity.getEndTime()));
            }
            case "Task_TellCustomerWorkResumes" -> update(id, "reopened = reopened + 1", null);
            // The work stopped for lack of the customer's answer; a resolution after it means the case was solved.
            case "Event_NoAnswerFromCustomer" -> update(id, "no_answer_at = :value", timestamp(activity.getEndTime()));
            case "Event_CustomerReplied", "Event_ResolutionConfirmed" ->
                    customerBack(id, timestamp(activity.getEndTime()));
            case "Task_OfferReimbursement" -> update(id, "reimbursement_offered = TRUE", null);
            case REIMBURSE_CUSTOMER -> reimbursementDone(id);
            case TRACE_DISCOUNT_OFFER -> update(id, "discount_traced = TRUE", null);
            // An answer that asks the customer a question is sent by "Wait for the customer" (Ask the customer).
            case "Task_SendAnswer", "Task_SendSupervisorAnswer", "Task_SendAdministratorAnswer",
                 "Event_CustomerAskedInAnswer" -> nextReplySent(activity);
            default -> { }
        }
    }

    /**
     * Reimbursing runs beside the case's main path (the event sub-process the resolution starts), and its start made it
     * the stage: once the reimbursement is done the case is where that path is, most often waiting for the customer.
     */
    private void reimbursementDone(String processInstanceId) {
        Context.getProcessEngineConfiguration().getRuntimeService().getActiveActivityIds(processInstanceId).stream()
                .filter(activityId -> !REIMBURSE_CUSTOMER.equals(activityId) && STAGES.containsKey(activityId))
                .findFirst()
                .ifPresent(activityId -> update(processInstanceId, "stage = :value", STAGES.get(activityId)));
    }

    /** A case variable the insights keep ({@link CaseFactColumn}), written to the case's row. */
    private void variable(HistoricVariableUpdateEventEntity variable) {
        CaseFactColumn column = CaseFactColumn.BY_VARIABLE.get(variable.getVariableName());
        if (column == null) {
            return;
        }
        String id = variable.getProcessInstanceId();
        if (column.isMoment()) {
            moment(id, column.column(), column.minutesColumn(), variable.getLongValue());
        } else if (CaseFactColumn.AMOUNT_DECIDED.equals(variable.getVariableName()) && offered(id)) {
            return; // the amount offered in all stands: a later decision is not offered yet, or owed nothing
        } else {
            update(id, column.column() + " = :value", column.value().apply(new CaseFactColumn.Stored(
                    variable.getTextValue(), variable.getLongValue(), variable.getDoubleValue())));
        }
    }

    /** Something was offered to the customer: the case has {@code reimbursementAmountOffered}. */
    private static boolean offered(String processInstanceId) {
        DelegateExecution instance = Context.getCommandContext().getExecutionManager()
                .findExecutionById(processInstanceId);
        return instance != null && instance.getVariable(CaseFactColumn.AMOUNT_OFFERED) != null;
    }

    /**
     * Set on "Customer wrote in", where "Send the answer" answers it. A reply to the solution gets its answer time too,
     * but is decided on (Task_AttachCustomerReply, then "Decide on the customer's reply"), not answered; beside a
     * running step such as the reimbursement its variable is not the case's own and would count as never answered.
     */
    private static boolean onCustomerWroteIn(HistoricVariableUpdateEventEntity variable) {
        DelegateExecution execution = Context.getCommandContext().getExecutionManager()
                .findExecutionById(variable.getExecutionId());
        return execution != null && ATTACH_CUSTOMER_MESSAGE.equals(execution.getCurrentActivityId());
    }

    /** A customer message in "Customer wrote in" got its answer time: its next-reply clock runs from now. */
    private void nextReplyStarted(HistoricVariableUpdateEventEntity variable) {
        if (variable.getLongValue() == null) {
            return;
        }
        jdbc.sql("""
                INSERT INTO ft_next_reply (scope_id, process_instance_id, received_at, due_at)
                VALUES (:scope, :id, :receivedAt, :dueAt)
                """)
                .param("scope", variable.getScopeActivityInstanceId())
                .param("id", variable.getProcessInstanceId())
                .param("receivedAt", timestamp(variable.getTimestamp()))
                .param("dueAt", new Timestamp(variable.getLongValue()))
                .update();
    }

    /** The answer to that message went out (by the owner, a colleague or a supervisor): the next reply is given. */
    private void nextReplySent(HistoricActivityInstanceEventEntity activity) {
        String scope = activity.getParentActivityInstanceId();
        Instant sentAt = activity.getEndTime().toInstant();
        jdbc.sql("SELECT received_at FROM ft_next_reply WHERE scope_id = :scope AND replied_at IS NULL")
                .param("scope", scope)
                .query(Timestamp.class)
                .optional()
                .ifPresent(received -> jdbc.sql("UPDATE ft_next_reply SET replied_at = :sentAt, reply_minutes = :minutes"
                                + " WHERE scope_id = :scope")
                        .param("scope", scope)
                        .param("sentAt", Timestamp.from(sentAt))
                        .param("minutes", Duration.between(received.toInstant(), sentAt).toMillis() / 60_000.0)
                        .update());
    }

    /**
     * The customer came back after the work stopped for lack of their answer (while the case waited to close): a
     * reply, decided as reopening the case or as confirming it is solved, or the confirmation itself. Without a
     * resolution after it, a case that then closes was confirmed by the customer, not closed without an answer. Set
     * directly, after what the command set before (a row it opens has no {@code no_answer_at}, and keeps none).
     */
    private void customerBack(String processInstanceId, Object at) {
        writePending(processInstanceId);
        jdbc.sql("UPDATE ft_case_fact SET customer_back_at = :at"
                        + " WHERE process_instance_id = :id AND no_answer_at IS NOT NULL")
                .param("id", processInstanceId)
                .param("at", at)
                .update();
    }

    private void moment(String processInstanceId, String column, String minutesColumn, Long epochMillis) {
        writePending(processInstanceId);
        Instant at = epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
        jdbc.sql("UPDATE ft_case_fact SET " + column + " = :at, " + minutesColumn + " = :minutes"
                        + " WHERE process_instance_id = :id")
                .param("id", processInstanceId)
                .param("at", at == null ? null : Timestamp.from(at))
                .param("minutes", at == null ? null : minutesSinceOpened(processInstanceId, at))
                .update();
    }

    /**
     * Sets a column of the case's row, or counts one up: when the engine's command commits, with whatever else the
     * same command set on that row, in one UPDATE. Opening a case sets six columns from its variables, and each was
     * an UPDATE of its own (issue 16).
     */
    private void update(String processInstanceId, String assignment, Object value) {
        RowChanges pending = pending(processInstanceId);
        if (pending == null) {
            write(processInstanceId, RowChanges.of(assignment, value));
        } else {
            pending.add(assignment, value);
        }
    }

    /** What the current engine command sets on the case's row, written when its transaction commits; null outside one. */
    private RowChanges pending(String processInstanceId) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return null;
        }
        Map<CommandContext, Map<String, RowChanges>> commands = PENDING.get();
        Map<String, RowChanges> rows = commands.get(command);
        if (rows == null) {
            Map<String, RowChanges> pending = new LinkedHashMap<>();
            commands.put(command, pending);
            rows = pending;
            // Written just before the command's transaction commits, after the engine's own flush.
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTING, committing -> {
                PENDING.get().remove(command);
                pending.forEach(this::write);
            });
            command.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK,
                    rolledBack -> PENDING.get().remove(command));
        }
        return rows.computeIfAbsent(processInstanceId, id -> new RowChanges());
    }

    /** Writes what this command has set on the case's row so far, before a statement that reads or sets it directly. */
    private void writePending(String processInstanceId) {
        for (Map<String, RowChanges> rows : PENDING.get().values()) {
            RowChanges changes = rows.remove(processInstanceId);
            if (changes != null) {
                write(processInstanceId, changes);
            }
        }
    }

    private void write(String processInstanceId, RowChanges changes) {
        var statement = jdbc.sql(changes.opens()
                        ? "INSERT INTO ft_case_fact (process_instance_id, " + changes.insertColumns() + ") VALUES (:id, "
                                + changes.insertValues() + ")"
                        : "UPDATE ft_case_fact SET " + changes.assignments() + " WHERE process_instance_id = :id")
                .param("id", processInstanceId);
        List<Object> values = changes.values();
        for (int i = 0; i < values.size(); i++) {
            statement = statement.param("v" + i, values.get(i));
        }
        statement.update();
    }

    private static final ThreadLocal<Map<CommandContext, Map<String, RowChanges>>> PENDING =
            ThreadLocal.withInitial(IdentityHashMap::new);

    /**
     * The columns one command sets on one case's row: the last value of each, and how often each counter went up; for
     * a case opened in the command, the row to insert.
     */
    static final class RowChanges {

        private static final Pattern INCREMENT = Pattern.compile("(\\w+) = \\1 \\+ 1");
        private static final Pattern ASSIGNMENT = Pattern.compile("(\\w+) = (.+)");

        private final Map<String, String> columns = new LinkedHashMap<>();
        private final Map<String, Integer> increments = new LinkedHashMap<>();
        private final List<Object> values = new ArrayList<>();
        private boolean opens;

        static RowChanges of(String assignment, Object value) {
            RowChanges changes = new RowChanges();
            changes.add(assignment, value);
            return changes;
        }

        void add(String assignment, Object value) {
            Matcher increment = INCREMENT.matcher(assignment);
            if (increment.matches()) {
                increments.merge(increment.group(1), 1, Integer::sum);
                return;
            }
            Matcher set = ASSIGNMENT.matcher(assignment);
            if (!set.matches()) {
                throw new IllegalArgumentException("Not a column assignment: " + assignment);
            }
            String expression = set.group(2);
            if (expression.contains(":value")) {
                expression = expression.replace(":value", ":v" + values.size());
                values.add(value);
            }
            columns.put(set.group(1), expression);
        }

        /**
         * The row does not exist yet: it is inserted with these columns, except those the command has set already
         * (the start variables' events come before the process instance's start event).
         */
        void open(Map<String, Object> columns) {
            opens = true;
            columns.forEach((column, value) -> {
                if (!this.columns.containsKey(column)) {
                    add(column + " = :value", value);
                }
            });
        }

        boolean opens() {
            return opens;
        }

        /** For the INSERT of a row {@link #open opened} in the command: its columns, in the order of {@link #insertValues()}. */
        String insertColumns() {
            List<String> names = new ArrayList<>(columns.keySet());
            names.addAll(increments.keySet());
            return String.join(", ", names);
        }

        /** The values of {@link #insertColumns()}: a counter counted up n times starts at n. */
        String insertValues() {
            List<String> expressions = new ArrayList<>(columns.values());
            increments.values().forEach(times -> expressions.add(String.valueOf(times)));
            return String.join(", ", expressions);
        }

        /** The values of the parameters {@code :v0}, {@code :v1}, ... that {@link #assignments()} names. */
        List<Object> values() {
            return values;
        }

        String assignments() {
            List<String> parts = new ArrayList<>();
            columns.forEach((column, expression) -> parts.add(column + " = " + expression));
            increments.forEach((column, times) -> parts.add(column + " = " + column + " + " + times));
            return String.join(", ", parts);
        }
    }

    private Double minutesSinceOpened(String processInstanceId, Instant at) {
        return jdbc.sql("SELECT opened_at FROM ft_case_fact WHERE process_instance_id = :id")
                .param("id", processInstanceId)
                .query(Timestamp.class)
                .optional()
                .map(opened -> Duration.between(opened.toInstant(), at).toMillis() / 60_000.0)
                .orElse(null);
    }

    private static Timestamp timestamp(Date date) {
        return new Timestamp(date.getTime());
    }

}
