package com.followthrough.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * The resolution clock of a case, which stops while the team waits on the customer (issue 15). Pausing records
 * {@code resolutionPausedAt} and holds the "Resolution target passed" timer (moves its next firing far off); resuming counts the paused time on the
 * plan's business calendar, adds it to {@code pausedMinutes}, and moves {@code resolutionDueAt} later by exactly that
 * working time, with every open task that was due at the old target and the timer's next firing (which was the
 * target, or the next daily check of a target already missed). A case waiting
 * on the customer is never late for it, nor about to be: the open work due at the target has no breach warning while
 * the clock stands, and gets it back on resume, later by the pause. A supervisor's new date ({@link #newTarget}) moves
 * the same things; set while the clock stands, it moves later only by the wait since it was set.
 */
@Component
public class ResolutionClock {

    public static final String PAUSED_AT = "resolutionPausedAt";
    public static final String PAUSED = "slaPaused";
    public static final String PAUSED_MINUTES = "pausedMinutes";
    /** {@code pausedMinutes} when the case was last reopened: a fresh target counts from there, none of them. */
    static final String PAUSED_MINUTES_AT_REOPENING = "pausedMinutesAtReopening";

    /** When the target timer would have fired next, while the clock stands and the timer is held. */
    static final String HELD_CHECK_AT = "resolutionCheckHeldAt";
    /** Far beyond any wait: the customer is reminded and the case closes long before. */
    private static final Duration HELD_FOR = Duration.ofDays(3_650);

    /** The element id of the timer that brings a supervisor in when the resolution target passes. */
    static final String TARGET_PASSED = "StartEvent_ResolutionTargetPassed";

    private final BusinessCalendars calendars;
    private final EngineClock clock;
    private final BreachWarnings warnings;
    private final CaseDeadlines deadlines;

    public ResolutionClock(BusinessCalendars calendars, EngineClock clock, BreachWarnings warnings,
                           CaseDeadlines deadlines) {
        this.calendars = calendars;
        this.clock = clock;
        this.warnings = warnings;
        this.deadlines = deadlines;
    }

    /** Stops the clock now; answers false when it was stopped already (the first pause keeps counting). */
    public boolean pause(DelegateExecution execution) {
        if (execution.getVariable(PAUSED_AT) instanceof Date) {
            return false;
        }
        execution.setVariable(PAUSED_AT, clock.nowAsDate());
        execution.setVariable(PAUSED, true);
        execution.setVariable(PAUSED_MINUTES, minutes(execution.getVariable(PAUSED_MINUTES)));
        // The target timer is held far off while the clock stands; resuming puts it back, later by the pause.
        ManagementService jobs = execution.getProcessEngineServices().getManagementService();
        for (Job timer : targetTimers(execution)) {
            execution.setVariable(HELD_CHECK_AT, timer.getDuedate());
            jobs.setJobDuedate(timer.getId(), Date.from(clock.now().plus(HELD_FOR)));
        }
        // Nor is the open work due at the target about to breach it while it does not run: its breach warning is
        // held too (a task created meanwhile gets none, BreachWarnings), and set again, later by the pause, on resume.
        if (execution.getVariable("resolutionDueAt") instanceof Date due) {
            TaskService tasks = execution.getProcessEngineServices().getTaskService();
            for (Task open : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).dueDate(due)
                    .list()) {
                if (open.getFollowUpDate() != null) {
                    open.setFollowUpDate(null);
                    tasks.saveTask(open);
                }
            }
        }
        return true;
    }

    /**
     * Starts the clock again; the paused working time is added to the resolution target. Nothing when it runs. A date
     * a supervisor set while the clock stood ({@link #newTarget}) was set knowing the wait so far: it moves by the wait
     * since it was set, though {@code pausedMinutes} counts the whole wait.
     */
    public void resume(DelegateExecution execution) {
        if (!(execution.getVariable(PAUSED_AT) instanceof Date pausedAt)) {
            return;
        }
        BusinessCalendar calendar = calendars.of(CaseVariables.text(execution, "plan"));
        Duration waited = pauseOver(execution, calendar, pausedAt);
        Duration paused = execution.getVariable(NewResolutionTargetListener.DATE_SET_AT) instanceof Date setAt
                && setAt.after(pausedAt) ? workingMinutesSince(calendar, setAt) : waited;
        if (execution.getVariable("resolutionDueAt") instanceof Date oldDue) {
            Date newDue = later(calendar, oldDue, paused);
            if (!paused.isZero()) {
                targetIs(execution, newDue);
            }
            // The breach warning counts the target's working time too: it moves later by the same pause. Held while
            // the clock stood (none), it is the warning a task due at the target gets when created, moved so.
            Date warning = warnings.warningBefore(execution, "resolutionDueAt", oldDue).orElse(null);
            OpenWorkMove.dueAt(oldDue, newDue)
                    .withFollowUpMoved(followUp -> later(calendar, followUp == null ? warning : followUp, paused))
                    .applyTo(execution.getProcessEngineServices().getTaskService(), execution.getProcessInstanceId());
        }
        if (execution.getVariable(HELD_CHECK_AT) instanceof Date heldCheck) {
            nextCheckAt(execution, later(calendar, heldCheck, paused));
        }
        execution.setVariable(HELD_CHECK_AT, null);
    }

    /**
     * A date a supervisor sets now after a missed target ({@link NewResolutionTargetListener}), a new promise whose
     * clock starts now: it becomes {@code resolutionDueAt}, the open work due at the old target moves to it (the task
     * {@code settingTask} aside), warned at the share of the working time from now to it, and the target timer fires
     * next at it (or at the next opening, {@link CaseDeadlines#escalationAt}), so a new date missed is noticed too.
     * While the clock stands (the case waits on the customer) the work gets no warning and the timer stays held: both
     * come back when the clock runs again, later by the wait since the date was set ({@link #resume}).
     */
    public void newTarget(DelegateExecution execution, Date newDue, String settingTask) {
        Date oldDue = CaseVariable.RESOLUTION_DUE_AT.get(execution);
        String plan = CaseVariables.text(execution, "plan");
        Instant now = clock.now();
        targetIs(execution, newDue);
        execution.setVariable(NewResolutionTargetListener.DATE_SET_AT, Date.from(now));
        boolean standsStill = execution.getVariable(PAUSED_AT) instanceof Date;
        if (oldDue != null) {
            OpenWorkMove move = OpenWorkMove.dueAt(oldDue, newDue).leaving(settingTask);
            if (!standsStill) {
                move = move.withFollowUp(Date.from(warnings.followUp(now, newDue.toInstant(), plan)));
            }
            move.applyTo(execution.getProcessEngineServices().getTaskService(), execution.getProcessInstanceId());
        }
        Date check = deadlines.escalationAt(newDue, plan);
        if (standsStill) {
            execution.setVariable(HELD_CHECK_AT, check);
        } else {
            nextCheckAt(execution, check);
        }
    }

    /**
     * The case's resolution target is {@code due}, and so is the copy a promise it keeps meanwhile holds
     * ({@link #copiesFollow}).
     */
    private static void targetIs(DelegateExecution execution, Date due) {
        CaseVariable.RESOLUTION_DUE_AT.set(execution, due);
        copiesFollow(execution.getProcessEngineServices().getRuntimeService(), execution.getProcessInstanceId(),
                Map.of(CaseVariable.RESOLUTION_DUE_AT.name(), due));
    }

    /**
     * The case {@code caseInstanceId} now holds these values: a process it called and that runs meanwhile (a Keep the
     * promise, given the case's deadlines and service level for its header, {@code KeepPromiseVariables}) takes them
     * into the copies it holds. The callback's header read the old dates: the date a supervisor moved, overdue beside
     * the case's new one, or the old plan's after a changed plan or priority.
     */
    public static void copiesFollow(RuntimeService runtime, String caseInstanceId, Map<String, ?> changed) {
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(caseInstanceId)
                .list()) {
            changed.forEach((name, value) -> {
                if (runtime.getVariable(called.getId(), name) != null) {
                    runtime.setVariable(called.getId(), name, value);
                }
            });
        }
    }

    /** The "Resolution target passed" cycle fires next at {@code at}. */
    private static void nextCheckAt(DelegateExecution execution, Date at) {
        ManagementService jobs = execution.getProcessEngineServices().getManagementService();
        for (Job timer : targetTimers(execution)) {
            jobs.setJobDuedate(timer.getId(), at);
        }
    }

    /**
     * The case ended while the clock stood (cancelled while the team waited on the customer): the pause under way is
     * over, and counted in {@code pausedMinutes} as a resume counts it. Nothing is moved: nothing is due any more.
     */
    public void endedWithTheCase(DelegateExecution execution) {
        if (execution.getVariable(PAUSED_AT) instanceof Date pausedAt) {
            pauseOver(execution, calendars.of(CaseVariables.text(execution, "plan")), pausedAt);
        }
    }

    /** Adds the working time since {@code pausedAt} to {@code pausedMinutes} and marks the clock running; that time. */
    private Duration pauseOver(DelegateExecution execution, BusinessCalendar calendar, Date pausedAt) {
        Duration paused = workingMinutesSince(calendar, pausedAt);
        execution.setVariable(PAUSED_MINUTES, minutes(execution.getVariable(PAUSED_MINUTES)) + paused.toMinutes());
        execution.setVariable(PAUSED_AT, null);
        execution.setVariable(PAUSED, false);
        return paused;
    }

    /** Whole minutes, as pausedMinutes records them: the target the customer reads to the minute stays on one. */
    private Duration workingMinutesSince(BusinessCalendar calendar, Date since) {
        return Duration.ofMinutes(calendar.workingTimeBetween(since.toInstant(), clock.now()).toMinutes());
    }

    private static Date later(BusinessCalendar calendar, Date moment, Duration paused) {
        return paused.isZero() || moment == null ? moment
                : Date.from(calendar.plusWorkingTime(moment.toInstant(), paused));
    }

    /** Business minutes the clock has stood still so far, the pause under way included (for the case file). */
    public long pausedMinutes(Map<String, Object> variables) {
        long done = minutes(variables.get(PAUSED_MINUTES));
        if (variables.get(PAUSED_AT) instanceof Date pausedAt) {
            String plan = CaseVariables.text(variables, "plan");
            Instant now = clock.now();
            return done + calendars.of(plan).workingTimeBetween(pausedAt.toInstant(), now).toMinutes();
        }
        return done;
    }

    /**
     * A resolution target counted again from the opening (a changed plan or priority) keeps the pauses already over;
     * counted again from the reopening, only those since the reopening. A pause under way is added when it ends, as
     * always.
     */
    public Instant withPausesOver(Map<String, Object> variables, String plan, Instant recounted,
                                  boolean fromReopening) {
        long over = minutes(variables.get(PAUSED_MINUTES))
                - (fromReopening ? minutes(variables.get(PAUSED_MINUTES_AT_REOPENING)) : 0L);
        return over <= 0 ? recounted : calendars.of(plan).plusWorkingTime(recounted, Duration.ofMinutes(over));
    }

    /** On reopening: the pauses so far belong to the resolution that was, not to the fresh target. */
    static void reopened(DelegateExecution execution) {
        execution.setVariable(PAUSED_MINUTES_AT_REOPENING, minutes(execution.getVariable(PAUSED_MINUTES)));
    }

    /** While the clock stands its timer is held; a moved target is where the timer goes back to when it resumes. */
    public static boolean standsStill(Map<String, Object> variables) {
        return variables.get(PAUSED_AT) instanceof Date;
    }

    private static List<Job> targetTimers(DelegateExecution execution) {
        return execution.getProcessEngineServices().getManagementService().createJobQuery()
                .processInstanceId(execution.getProcessInstanceId()).activityId(TARGET_PASSED).timers().list();
    }

    private static long minutes(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
