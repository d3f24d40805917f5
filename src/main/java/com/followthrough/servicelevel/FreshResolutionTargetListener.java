package com.followthrough.servicelevel;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;

/**
 * A reopened case gets a fresh resolution target (issue 15, item 3): the plan's resolution target
 * ({@code resolutionTarget} from the service levels) counted from the reopening, not the old date, which lies in the
 * past and would make every reopened case late at once. The first miss, if there was one, stays on record
 * ({@code resolutionTargetMissed}); {@code reopenedAt} says when the new count began.
 */
@Component("freshResolutionTarget")
public class FreshResolutionTargetListener implements ExecutionListener {

    /** When the fresh target's count began: the clock start of its breach warning ({@link BreachWarnings}). */
    public static final String REOPENED_AT = "reopenedAt";

    private final CaseDeadlines deadlines;
    private final EngineClock clock;

    public FreshResolutionTargetListener(CaseDeadlines deadlines, EngineClock clock) {
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** When the case was reopened after it was resolved ({@code reopenedAt} after {@code resolvedAt}), or null. */
    public static Date reopenedSinceResolved(Date resolvedAt, Object reopenedAt) {
        return resolvedAt != null && reopenedAt instanceof Date reopened && reopened.after(resolvedAt) ? reopened
                : null;
    }

    /**
     * Whether the case's resolution runs: it is not resolved, or it was reopened since and a fresh target runs (a
     * date to be solved by may be told, and moves with the plan).
     */
    public static boolean resolutionRuns(Date resolvedAt, Object reopenedAt) {
        return resolvedAt == null || reopenedSinceResolved(resolvedAt, reopenedAt) != null;
    }

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable("resolutionDueAt", deadlines.after(CaseVariables.text(execution, "resolutionTarget"),
                CaseVariables.text(execution, "plan")));
        execution.setVariable(REOPENED_AT, clock.nowAsDate());
        ResolutionClock.reopened(execution);
    }
}
