package com.followthrough.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.AgentTime;
import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.SupportProperties;

/**
 * "Set a new resolution date": the date a supervisor sets is a new promise to the customer, so it is checked before
 * anything changes (in the future, at most {@link #MAX_AHEAD} ahead, with what is being done written down), then it
 * becomes the case's {@code resolutionDueAt}, and the next firing of the "Resolution target passed" timer moves to it.
 * Open tasks that were due at the old target move to the new one, so
 * Tasklist shows the date the customer was given, and so does their breach warning ({@link BreachWarnings}); set while
 * the case waits on the customer, the warning and the timer come back when the wait ends, later by the wait since
 * ({@link ResolutionClock#newTarget}). The missed target stays on record ({@code resolutionTargetMissed})
 * for the guarantee check: a new date does not undo a broken one. While such a task is open, the daily check adds no
 * second one.
 */
@Component("newResolutionTarget")
public class NewResolutionTargetListener implements TaskListener {

    /** Further off is a typo in the month or year, or weeks of silence called a date. */
    static final Duration MAX_AHEAD = Duration.ofDays(60);

    /** When a supervisor last set a new date: a reopening since replaced it with a fresh target. */
    static final String DATE_SET_AT = "newResolutionDateSetAt";

    private final EngineClock clock;
    private final SupportProperties properties;
    private final ResolutionClock resolutionClock;

    public NewResolutionTargetListener(EngineClock clock, SupportProperties properties,
                                       ResolutionClock resolutionClock) {
        this.clock = clock;
        this.properties = properties;
        this.resolutionClock = resolutionClock;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> task.getExecution().setVariable("newResolutionDateBeingSet", true);
            case TaskListener.EVENTNAME_DELETE -> task.getExecution().setVariable("newResolutionDateBeingSet", false);
            default -> setNewDate(task);
        }
    }

    private void setNewDate(DelegateTask task) {
        ZoneId zone = properties.support().timeZone();
        Instant now = clock.now();
        Instant due = parse(task.getVariable("newResolutionDueAt"), zone);
        if (!due.isAfter(now)) {
            throw RefusedEntryException.naming("newResolutionDueAt", "the new resolution date "
                    + AgentTime.readable(due, zone)
                    + " has already passed (it is now " + AgentTime.readable(now, zone) + "). Pick a date we will keep.");
        }
        if (due.isAfter(now.plus(MAX_AHEAD))) {
            throw RefusedEntryException.naming("newResolutionDueAt", "the new resolution date "
                    + AgentTime.readable(due, zone)
                    + " is more than "
                    + MAX_AHEAD.toDays() + " days ahead. Check the month and year; if it really takes that long, set a"
                    + " nearer date and say what happens until then.");
        }
        if (CaseVariables.text(task, "resolutionPlan").isBlank()) {
            throw RefusedEntryException.naming("resolutionPlan", "write what is being done: the customer reads it"
                    + " with the new date");
        }
        task.getExecution().setVariable("resolutionTargetMissed", true);
        resolutionClock.newTarget(task.getExecution(), Date.from(due), task.getId());
        task.getExecution().setVariable("newResolutionDateBeingSet", false);
    }

    private static Instant parse(Object value, ZoneId supportZone) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            throw RefusedEntryException.naming("newResolutionDueAt", "set the new resolution date, the customer is"
                    + " told it");
        }
        String text = value.toString().trim();
        AgentTime.clockChange(text, supportZone).ifPresent(problem -> {
            throw RefusedEntryException.naming("newResolutionDueAt", "the new resolution date " + problem);
        });
        return AgentTime.typed(text, supportZone).orElseThrow(() -> RefusedEntryException.naming(
                "newResolutionDueAt", "the new resolution date '" + text + "' is not a date and time"));
    }
}
