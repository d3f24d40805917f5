package com.followthrough.servicelevel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.api.ApiProblem;
import com.followthrough.vocabulary.Priority;

/**
 * A supervisor changes a case's plan or priority (issue 15, item 6): the service-levels decision is taken again for the
 * new plan, priority and the case's channel, counted from when the case was opened on the new plan's calendar, and every
 * deadline that still runs moves with it, in one transaction: the case variables, the due dates of the open tasks that
 * were due at the old deadline, the timers that fire at them, and the priority of every open task.
 *
 * <p>A deadline only ever moves <em>earlier</em>. The customer may have been told it (the acknowledgment states the
 * first response, progress updates the resolution date), so a slower plan or lower priority never takes back a date
 * already running; it applies to what is measured from now on (the update interval, the answer time of the next
 * message). A first response already given and a case already resolved keep their deadlines; so does a resolution date
 * a supervisor set after a missed target (a promise of its own, see {@link NewResolutionTargetListener}). A reopened
 * case's fresh resolution target runs again: it is counted again from the reopening.
 *
 * <p>Each change is appended to {@code serviceLevelChanges} (who, when, from, to, why, the targets after it), which the
 * engine's full history keeps with every earlier value.
 */
@Service
public class ServiceLevelChange {

    /** Timers that fire at the first-response deadline (while the case waits to be heard, and after listening). */
    static final List<String> FIRST_RESPONSE_TIMERS = List.of("Event_FirstResponseDue", "Event_FirstResponseStillOwed");
    /** Timers that fire when the customer is owed a progress update. */
    static final List<String> UPDATE_TIMERS = List.of("Event_UpdateIntervalPassedWhileWaiting",
            "StartEvent_UpdateIntervalPassed", "Event_UpdateIntervalPassedWithSupervisors",
            "Event_UpdateIntervalPassedBeforeClose", "Event_UpdateIntervalPassedWhileResolved");

    /** What changed and when the case's deadlines fall due now. */
    public record Changed(String reference, String plan, String priority, ServiceLevelDecision.Targets targets,
                          Instant firstResponseDueAt, Instant nextUpdateDueAt, Instant resolutionDueAt,
                          Map<String, Object> change) {
    }

    private final ServiceLevelDecision decision;
    private final ProgressUpdates progressUpdates;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService jobs;
    private final IdentityService identities;
    private final EngineClock clock;
    private final ObjectMapper json;
    private final ResolutionClock resolutionClock;
    private final CaseDeadlines deadlines;

    public ServiceLevelChange(ServiceLevelDecision decision, ProgressUpdates progressUpdates, RuntimeService runtime,
                              TaskService tasks, ManagementService jobs, IdentityService identities, EngineClock clock,
                              ObjectMapper json,
                              ResolutionClock resolutionClock, CaseDeadlines deadlines) {
        this.decision = decision;
        this.progressUpdates = progressUpdates;
        this.runtime = runtime;
        this.tasks = tasks;
        this.jobs = jobs;
        this.identities = identities;
        this.clock = clock;
        this.resolutionClock = resolutionClock;
        this.json = json;
        this.deadlines = deadlines;
    }

    /**
     * Changes the open case's plan and priority ({@code null}: keeps the case's) and moves its deadlines; 409 when both
     * are what the case has. Runs as the application: the caller has checked that a supervisor asks and that the case
     * is theirs to see.
     */
    @Transactional
    public Changed change(String reference, String processInstanceId, String plan, String priority, String reason,
                          String changedBy) {
        return AsTheApplication.run(identities,
                () -> changeAsTheApplication(reference, processInstanceId, plan, priority, reason, changedBy));
    }

    private Changed changeAsTheApplication(String reference, String processInstanceId, String plan, String priority,
                                           String reason, String changedBy) {
        Map<String, Object> before = runtime.getVariables(processInstanceId);
        String oldPlan = CaseVariables.text(before, "plan");
        String oldPriority = CaseVariables.text(before, "priority");
        List<ApiProblem.FieldError> unchanged = new ArrayList<>();
        if (plan != null) {
            unchanged.add(new ApiProblem.FieldError("plan", "is the case's plan already"));
        }
        if (priority != null) {
            unchanged.add(new ApiProblem.FieldError("priority", "is the case's priority already"));
        }
        plan = plan == null ? oldPlan : plan;
        priority = priority == null ? oldPriority : priority;
        if (plan.equals(oldPlan) && priority.equals(oldPriority)) {
            throw ApiProblem.conflict("Nothing to change", "Case " + reference + " already has plan " + plan
                    + " and priority " + priority + ".", unchanged);
        }
        Instant openedAt = before.get("openedAt") instanceof Date opened ? opened.toInstant() : clock.now();
        ServiceLevelDecision.Targets targets = decision.decide(plan, priority, CaseVariables.text(before, "channel"));
        ServiceLevelDecision.Deadlines recounted = decision.deadlines(targets, plan, openedAt);
        int taskPriority = Priority.of(priority).orElseThrow().taskPriority();

        Map<String, Object> after = new LinkedHashMap<>();
        after.put("plan", plan);
        after.put("priority", priority);
        after.put("taskPriority", taskPriority);
        after.put("firstResponseTarget", targets.firstResponseTarget());
        after.put("updateInterval", targets.updateInterval());
        after.put("resolutionTarget", targets.resolutionTarget());
        after.put("nextReplyTarget", targets.nextReplyTarget());

        Date oldFirstResponse = (Date) before.get("firstResponseDueAt");
        Date firstResponse = oldFirstResponse;
        if (before.get("firstRespondedAt") == null && oldFirstResponse != null) {
            firstResponse = earlier(oldFirstResponse, recounted.firstResponseDueAt());
            after.put("firstResponseDueAt", firstResponse);
        }
        Date oldResolution = (Date) before.get("resolutionDueAt");
        Date resolution = oldResolution;
        // The resolution runs while the case is not resolved, or reopened since: a fresh target counted from the
        // reopening (FreshResolutionTargetListener), which a change counts again from the reopening.
        Date resolvedAt = (Date) before.get("resolvedAt");
        Date reopenedAt = FreshResolutionTargetListener.reopenedSinceResolved(resolvedAt,
                before.get(FreshResolutionTargetListener.REOPENED_AT));
        boolean resolutionRuns = FreshResolutionTargetListener.resolutionRuns(resolvedAt, reopenedAt)
                && !supervisorsDateRuns(before, reopenedAt);
        if (resolutionRuns && oldResolution != null) {
            Instant countedFrom = reopenedAt == null ? openedAt : reopenedAt.toInstant();
            resolution = earlier(oldResolution, resolutionClock.withPausesOver(before, plan,
                    decision.deadlines(targets, plan, countedFrom).resolutionDueAt(), reopenedAt != null));
            after.put("resolutionDueAt", resolution);
            if (oldResolution.equals(before.get(ResolutionClock.HELD_CHECK_AT))) {
                after.put(ResolutionClock.HELD_CHECK_AT, resolution);
            }
        }
        runtime.setVariables(processInstanceId, after);
        // A callback under way shows the moved dates and takes the new priority, as the case does.
        ResolutionClock.copiesFollow(runtime, processInstanceId, after);

        List<String> instances = withCalledInstances(processInstanceId);
        // Tasks due at a deadline that moved follow it; every open task takes the new priority.
        OpenWorkMove.dueAt(oldFirstResponse, firstResponse).orDueAt(oldResolution, resolution)
                .withPriorityOfEveryTask(taskPriority).applyTo(tasks, instances);
        if (firstResponse != null) {
            moveTimers(processInstanceId, FIRST_RESPONSE_TIMERS, deadlines.escalationAt(firstResponse, plan));
        }
        if (resolutionRuns && resolution != null && !ResolutionClock.standsStill(before)) {
            moveTimers(processInstanceId, List.of(ResolutionClock.TARGET_PASSED),
                    deadlines.escalationAt(resolution, plan));
        }
        moveTimers(processInstanceId, UPDATE_TIMERS,
                Date.from(progressUpdates.nextDueAt(reference, plan, targets.updateInterval())));
        Instant nextUpdate = UPDATE_TIMERS.stream()
                .flatMap(activityId -> jobs.createJobQuery().processInstanceId(processInstanceId).activityId(activityId)
                        .timers().list().stream())
                .map(timer -> timer.getDuedate().toInstant()).min(Instant::compareTo).orElse(null);

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("at", clock.now().toString());
        change.put("by", changedBy);
        change.put("from", Map.of("plan", oldPlan, "priority", oldPriority));
        change.put("to", Map.of("plan", plan, "priority", priority));
        change.put("reason", reason);
        // The service level the case is held to from now on, on record with the change (the opening's is in the
        // history of its decision): this evaluation's own history does not name the case.
        change.put("targets", targets);
        record(processInstanceId, before.get("serviceLevelChanges"), change);
        return new Changed(reference, plan, priority, targets, instant(firstResponse), nextUpdate,
                instant(resolution), change);
    }

    /**
     * A date a supervisor set after a missed target is a promise of its own and keeps; a reopening replaced it with a
     * fresh target, unless a supervisor set a new date again since.
     */
    private static boolean supervisorsDateRuns(Map<String, Object> variables, Date reopenedAt) {
        if (!Boolean.TRUE.equals(variables.get("resolutionTargetMissed"))) {
            return false;
        }
        return reopenedAt == null || variables.get(NewResolutionTargetListener.DATE_SET_AT) instanceof Date setAt
                && setAt.after(reopenedAt);
    }

    private List<String> withCalledInstances(String processInstanceId) {
        List<String> instances = new ArrayList<>();
        instances.add(processInstanceId);
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()) {
            instances.add(called.getId());
        }
        return instances;
    }

    /** The timers of these elements fire no later than {@code due}. */
    private void moveTimers(String processInstanceId, List<String> activityIds, Date due) {
        for (String activityId : activityIds) {
            for (Job timer : jobs.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers().list()) {
                if (timer.getDuedate() == null || due.before(timer.getDuedate())) {
                    jobs.setJobDuedate(timer.getId(), due);
                }
            }
        }
    }

    private void record(String processInstanceId, Object earlier, Map<String, Object> change) {
        try {
            List<Map<String, Object>> changes = new ArrayList<>();
            if (earlier != null) {
                changes.addAll(json.readValue(earlier.toString(), new TypeReference<List<Map<String, Object>>>() { }));
            }
            changes.add(change);
            runtime.setVariable(processInstanceId, "serviceLevelChanges",
                    SpinValues.jsonValue(json.writeValueAsString(changes)).create());
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("serviceLevelChanges of " + processInstanceId + " is not a JSON list", unreadable);
        }
    }

    private static Date earlier(Date current, Instant recounted) {
        return recounted.isBefore(current.toInstant()) ? Date.from(recounted) : current;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
