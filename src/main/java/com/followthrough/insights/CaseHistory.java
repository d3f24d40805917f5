package com.followthrough.insights;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.PersonNames;
import com.followthrough.api.ApiProblem;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Processes;

/**
 * Closed (and open) cases for the Cockpit history views: the list from {@code ft_case_fact}, and one case's timeline
 * from the engine's history of that case only (queries by process instance id, which the engine indexes) plus our
 * message and promise records.
 */
@Service
public class CaseHistory {

    static final int MAX_PAGE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> STATES = Set.of("closed", "open", "all");

    private final JdbcClient jdbc;
    private final Insights insights;
    private final HistoryService history;
    private final CustomerMessages messages;
    private final Promises promises;
    private final CustomerTimes times;
    private final RepositoryService repository;
    private final PersonNames people;
    /** The names of each deployed definition's elements, by id: a deployed definition never changes. */
    private final Map<String, Map<String, String>> elementNames = new ConcurrentHashMap<>();

    public CaseHistory(JdbcClient jdbc, Insights insights, HistoryService history, CustomerMessages messages,
                       Promises promises, CustomerTimes times, RepositoryService repository, PersonNames people) {
        this.repository = repository;
        this.people = people;
        this.jdbc = jdbc;
        this.insights = insights;
        this.history = history;
        this.messages = messages;
        this.promises = promises;
        this.times = times;
    }

    /** {@code timeZone}: the support team's, whose days the filter's dates are; the times are instants. */
    public record CasePage(long total, int first, int max, List<CaseSummary> cases, String timeZone) {
    }

    /** {@code ownerName}: the owner as people read them ("Anna Clarke"), beside the user id integrators use. */
    public record CaseSummary(String reference, String processInstanceId, String processDefinitionId,
                              String customerName, String plan, String language, String owner, String outcome,
                              String stage,
                              Instant openedAt, Instant closedAt, Double durationMinutes, long promisesKept,
                              long promisesBroken, Integer rating, String ownerName) {

        CaseSummary withOwnerName(String name) {
            return new CaseSummary(reference, processInstanceId, processDefinitionId, customerName, plan, language, owner,
                    outcome, stage, openedAt, closedAt, durationMinutes, promisesKept, promisesBroken, rating, name);
        }
    }

    /** {@code timeZone}: the support team's, the one its times are read in, as in the list of cases. */
    public record Timeline(String reference, String processInstanceId, String processDefinitionId,
                           String customerName, String outcome, List<Activity> activities, List<Event> events,
                           String timeZone) {
    }

    /**
     * A step: {@code activityName} as the designer named it in the model (null for a step without a name, such as an
     * unnamed gateway, which a person's view leaves out); {@code assigneeName} the person who held it, by name.
     */
    public record Activity(String activityId, String activityName, String activityType, Instant startedAt,
                           Instant endedAt, String assignee, String calledProcessInstanceId,
                           String processDefinitionKey, String assigneeName) {
    }

    public record Event(Instant at, String type, String title, String detail) {
    }

    /** A step as the engine recorded it ({@code activityInstanceId}), which events name as the step that did them. */
    private record Step(String activityInstanceId, Activity activity) {
    }

    /** An event and the step (activity instance) that did it; null when none did (a supervisor, the API). */
    private record DoneIn(Event event, String step) {
    }

    public CasePage cases(InsightsFilter filter, String processDefinitionId, String state, int first, int max) {
        Insights.Where where = insights.where(filter);
        StringBuilder sql = new StringBuilder(where.sql());
        Map<String, Object> params = new HashMap<>(where.params());
        if (processDefinitionId != null) {
            sql.append(" AND f.process_definition_id = :definition");
            params.put("definition", processDefinitionId);
        }
        if ("closed".equals(state)) {
            sql.append(" AND f.closed_at IS NOT NULL");
        } else if ("open".equals(state)) {
            sql.append(" AND f.closed_at IS NULL");
        }
        long total = jdbc.sql(countSql(sql.toString())).params(params).query(Long.class).single();
        params.put("first", first);
        params.put("max", max);
        List<CaseSummary> cases = jdbc.sql(pageSql(sql.toString()))
                .params(params)
                .query(CaseHistory::summary)
                .list().stream()
                .map(summary -> summary.withOwnerName(summary.owner() == null ? null : people.of(summary.owner())))
                .toList();
        return new CasePage(total, first, max, cases, insights.zone().getId());
    }

    static String countSql(String where) {
        return "SELECT COUNT(*) FROM ft_case_fact f WHERE " + where;
    }

    static String pageSql(String where) {
        return """
                SELECT f.*, fb.rating,
                    (SELECT COUNT(*) FROM ft_promise p WHERE p.case_reference = f.case_reference AND p.status = 'KEPT')
                        AS promises_kept,
                    (SELECT COUNT(*) FROM ft_promise p WHERE p.case_reference = f.case_reference AND p.status = 'BROKEN')
                        AS promises_broken
                FROM ft_case_fact f LEFT JOIN ft_feedback fb ON fb.case_reference = f.case_reference
                WHERE\s""" + where + """
                 ORDER BY f.opened_at DESC, f.process_instance_id DESC OFFSET :first ROWS FETCH NEXT :max ROWS ONLY
                """;
    }

    public Timeline timeline(String reference) {
        CaseSummary found = jdbc.sql("""
                SELECT f.*, NULL AS rating, 0 AS promises_kept, 0 AS promises_broken
                FROM ft_case_fact f WHERE f.case_reference = :reference
                """)
                .param("reference", reference)
                .query(CaseHistory::summary)
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("reference", "is no case",
                        "There is no case " + reference + "."));
        // The case first, then what ran for it: the callbacks it called, and after it closed the customer feedback
        // (survey, last-chance call) and the callback promised on that call, which the feedback calls, not the case.
        Map<String, String> definitionKeys = new LinkedHashMap<>();
        definitionKeys.put(found.processInstanceId(), Processes.SUPPORT_CASE);
        for (HistoricProcessInstance called : history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(found.processInstanceId()).orderByProcessInstanceStartTime().asc().list()) {
            definitionKeys.put(called.getId(), called.getProcessDefinitionKey());
        }
        for (HistoricProcessInstance after : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(reference).orderByProcessInstanceStartTime().asc().list()) {
            if (!Processes.SUPPORT_CASE.equals(after.getProcessDefinitionKey())) {
                definitionKeys.putIfAbsent(after.getId(), after.getProcessDefinitionKey());
            }
        }
        Map<String, List<Step>> stepsOf = new LinkedHashMap<>();
        List<DoneIn> events = new ArrayList<>();
        definitionKeys.forEach((processInstanceId, key) -> {
            stepsOf.put(processInstanceId, history.createHistoricActivityInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()
                    .stream().map(activity -> new Step(activity.getId(), activity(activity, key))).toList());
            history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).list()
                    .forEach(task -> events.add(new DoneIn(taskEvent(task, people), task.getActivityInstanceId())));
            history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId).includeOutputs().list()
                    .forEach(decision -> events.add(new DoneIn(decisionEvent(decision),
                            decision.getActivityInstanceId())));
        });
        history.createHistoricVariableInstanceQuery().processInstanceId(found.processInstanceId())
                .variableName("serviceLevelChanges").list()
                .forEach(changes -> serviceLevelEvents(changes.getValue())
                        .forEach(change -> events.add(new DoneIn(change, null))));
        messages.ofCase(reference)
                .forEach(message -> events.add(new DoneIn(messageEvent(message), message.recordedInStep())));
        promises.ofCase(reference).forEach(promise -> events.addAll(promiseEvents(promise, found)));
        List<Step> steps = inLifecycleOrder(stepsOf);
        steps.sort(Comparator.comparing(step -> step.activity().startedAt()));
        return new Timeline(reference, found.processInstanceId(), found.processDefinitionId(), found.customerName(),
                found.outcome(), steps.stream().map(Step::activity).toList(), inTheOrderTheyHappened(events, steps),
                insights.zone().getId());
    }

    /**
     * By time, and what happened in the same millisecond (one transaction: a task completed, the next step's decision,
     * the message it sent, the task after it created) in the order of the steps that did it. What no step did (a
     * supervisor's change, a message through the API, a cancellation) comes first: the case's steps follow from it.
     */
    private static List<Event> inTheOrderTheyHappened(List<DoneIn> events, List<Step> steps) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            position.put(steps.get(i).activityInstanceId(), i);
        }
        return events.stream()
                .sorted(Comparator.comparing((DoneIn done) -> done.event().at())
                        .thenComparing(done -> position.getOrDefault(done.step(), -1)))
                .map(DoneIn::event)
                .toList();
    }

    /**
     * Every instance's steps in the order the case went through them: a called instance's (a callback's KeepPromise)
     * right after the step that called it, the rest (the feedback after the close) after the case. With the engine's
     * clock standing still, as in a generated history, many steps start in the same millisecond, and the sort by start
     * time keeps this order among them: the callback before the case's close, not after it.
     */
    private static List<Step> inLifecycleOrder(Map<String, List<Step>> stepsOf) {
        List<Step> ordered = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        stepsOf.keySet().forEach(processInstanceId -> addSteps(processInstanceId, stepsOf, listed, ordered));
        return ordered;
    }

    private static void addSteps(String processInstanceId, Map<String, List<Step>> stepsOf, Set<String> listed,
                                 List<Step> ordered) {
        if (!listed.add(processInstanceId)) {
            return;
        }
        for (Step step : stepsOf.get(processInstanceId)) {
            ordered.add(step);
            String called = step.activity().calledProcessInstanceId();
            if (stepsOf.containsKey(called)) {
                addSteps(called, stepsOf, listed, ordered);
            }
        }
    }

    private Activity activity(HistoricActivityInstance activity, String processDefinitionKey) {
        return new Activity(activity.getActivityId(), nameOf(activity), activity.getActivityType(),
                instant(activity.getStartTime()), instant(activity.getEndTime()), activity.getAssignee(),
                activity.getCalledProcessInstanceId(), processDefinitionKey,
                activity.getAssignee() == null ? null : people.of(activity.getAssignee()));
    }

    /** The step's name as the designer wrote it in the model the case ran on; null when it has none. */
    private String nameOf(HistoricActivityInstance activity) {
        if (activity.getActivityName() != null && !activity.getActivityName().isBlank()) {
            return activity.getActivityName();
        }
        String name = elementNames.computeIfAbsent(activity.getProcessDefinitionId(), this::namesIn)
                .get(activity.getActivityId());
        return name == null || name.isBlank() ? null : name;
    }

    private Map<String, String> namesIn(String processDefinitionId) {
        Map<String, String> names = new HashMap<>();
        for (FlowElement element : repository.getBpmnModelInstance(processDefinitionId)
                .getModelElementsByType(FlowElement.class)) {
            if (element.getName() != null) {
                names.put(element.getId(), element.getName().replaceAll("\\s+", " ").trim());
            }
        }
        return names;
    }

    private static Event taskEvent(HistoricTaskInstance task, PersonNames people) {
        String detail;
        if (task.getEndTime() == null) {
            detail = task.getAssignee() == null ? "open" : "open, with " + people.of(task.getAssignee());
        } else if ("completed".equals(task.getDeleteReason())) {
            detail = "done by " + (task.getAssignee() == null ? "nobody named" : people.of(task.getAssignee()));
        } else {
            detail = "cancelled (" + task.getDeleteReason() + ")";
        }
        return new Event(instant(task.getEndTime() != null ? task.getEndTime() : task.getStartTime()), "task",
                task.getName(), detail);
    }

    private static Event decisionEvent(HistoricDecisionInstance decision) {
        String outputs = decision.getOutputs().stream()
                .map(output -> output.getVariableName() + " = " + output.getValue())
                .collect(Collectors.joining(", "));
        return new Event(instant(decision.getEvaluationTime()), "decision", decision.getDecisionDefinitionName(),
                outputs);
    }

    /** "Service level changed by maria": from, to and why (servicelevel.ServiceLevelChange keeps the list). */
    private static List<Event> serviceLevelEvents(Object changes) {
        List<Event> events = new ArrayList<>();
        try {
            for (JsonNode change : JSON.readTree(String.valueOf(changes))) {
                events.add(new Event(Instant.parse(change.get("at").asText()), "serviceLevel",
                        "Service level changed by " + change.get("by").asText(),
                        change.at("/from/plan").asText() + ", " + change.at("/from/priority").asText() + " → "
                                + change.at("/to/plan").asText() + ", " + change.at("/to/priority").asText() + ": "
                                + change.get("reason").asText()));
            }
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("serviceLevelChanges is not a JSON list", unreadable);
        }
        return events;
    }

    /** "To the customer: promise confirmation": the kind in words, the subject the customer read as detail. */
    private static Event messageEvent(CustomerMessage message) {
        String kind = message.kind().modelName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        String title = (message.direction() == CustomerMessage.Direction.INBOUND ? "From the customer: "
                : "To the customer: ") + kind;
        return new Event(message.createdAt(), "message", title, message.subject() + " (" + Channel.how(message.channel()) + ")");
    }

    private List<DoneIn> promiseEvents(Promise promise, CaseSummary supportCase) {
        String due = times.forTeam(Date.from(promise.dueAt()));
        List<DoneIn> events = new ArrayList<>();
        events.add(new DoneIn(new Event(promise.madeAt(), "promise", "Promise made by " + people.of(promise.madeBy()),
                "Callback due " + due + ": " + promise.nextActions()), promise.madeInStep()));
        if (promise.brokenAt() != null) {
            String holder = promise.brokenHolder() == null ? ""
                    : "; the callback was with " + people.of(promise.brokenHolder());
            events.add(new DoneIn(new Event(promise.brokenAt(), "promise", "Promise broken",
                    "No callback by " + due + holder), promise.brokenInStep()));
        }
        if (promise.fulfilledAt() != null) {
            events.add(new DoneIn(new Event(promise.fulfilledAt(), "promise",
                    promise.status() == Promise.Status.KEPT ? "Promise kept" : "Callback made late", "Called back"),
                    promise.fulfilledInStep()));
        }
        if (promise.cancelledAt() != null && cancelledWith(promise, supportCase)) {
            events.add(new DoneIn(new Event(promise.cancelledAt(), "promise", "Promise cancelled with the case",
                    "Nobody calls: the case was cancelled before the callback by " + due), null));
        } else if (promise.cancelledAt() != null) {
            events.add(new DoneIn(new Event(promise.cancelledAt(), "promise", "Promise cancelled",
                    "Nobody calls: its Keep the promise was cancelled before the callback by " + due), null));
        }
        return events;
    }

    /**
     * The promise was cancelled as its case was: the case's own cancellation (V16_15 took the case's close for it),
     * not its "Keep the promise" cancelled alone before (Cockpit) while the case ran on.
     */
    private static boolean cancelledWith(Promise promise, CaseSummary supportCase) {
        return "cancelled".equals(supportCase.outcome()) && supportCase.closedAt() != null
                && Duration.between(promise.cancelledAt(), supportCase.closedAt()).abs().toSeconds() < 60;
    }

    private static CaseSummary summary(ResultSet row, int rowNum) throws SQLException {
        double duration = row.getDouble("duration_minutes");
        Double durationMinutes = row.wasNull() ? null : Math.round(duration * 10) / 10.0;
        int rating = row.getInt("rating");
        Integer ratingValue = row.wasNull() ? null : rating;
        return new CaseSummary(row.getString("case_reference"), row.getString("process_instance_id"),
                row.getString("process_definition_id"), row.getString("customer_name"), row.getString("plan"),
                row.getString("language"), row.getString("owner"), row.getString("outcome"), row.getString("stage"),
                Insights.instant(row.getTimestamp("opened_at")), Insights.instant(row.getTimestamp("closed_at")),
                durationMinutes, row.getLong("promises_kept"), row.getLong("promises_broken"), ratingValue, null);
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
