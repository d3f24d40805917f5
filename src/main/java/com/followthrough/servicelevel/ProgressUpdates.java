package com.followthrough.servicelevel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Never silent" (W1): the customer is owed a progress update once they have heard nothing from us for the case's
 * update interval, counted on the plan's business calendar from the last message that went out to them, of any kind.
 *
 * <p>The "Update interval passed" timer runs on {@link #cycle}: the engine re-evaluates the cycle each time the timer
 * fires ({@code reevaluateTimeCycleWhenDue}), before the check after it runs, and arms the next firing at the start of
 * the new cycle. So a message sent meanwhile moves the next update to one interval after that message, and a case that
 * stays silent gets one update per interval. Message times count from their minute, as the targets do, so a progress
 * update that goes out a few seconds after its timer does not make the next one wait another interval.
 *
 * <p>While the case waits on the customer's answer ({@code slaPaused}), the question and its reminders are the news:
 * a progress update then would say "we are working on your case" in the minute the reminder says "we are waiting for
 * your answer". An update due during the wait is not sent, and the timer looks again one minute after the reminder
 * (or the end of the wait) is due, {@code reminderDueAt}: by then the reminder went out, and the next update falls
 * one interval after it; or the wait is over, the customer has heard nothing since the last reminder, and the update
 * goes out.
 */
@Component("progressUpdates")
public class ProgressUpdates {

    /** Listen's answer whether the agent spoke to the customer ("yes"/"no"). */
    private static final String SPOKE_TO_CUSTOMER = "spokeToCustomer";

    private final LastCustomerContact messages;
    private final BusinessCalendars calendars;
    private final EngineClock clock;

    public ProgressUpdates(LastCustomerContact messages, BusinessCalendars calendars, EngineClock clock) {
        this.messages = messages;
        this.calendars = calendars;
        this.clock = clock;
    }

    /**
     * Whether the case owes the customer a progress update now: they have heard nothing for a whole update interval,
     * and the case does not wait on their answer. "Check when the customer last heard from us" asks it when the
     * interval passes, and the send step asks it again when it runs, in its own transaction: the answer that went out
     * meanwhile (the last one owed, which ends the update cycle) is the news, and an update after it would tell a
     * customer who has the answer that we are still working on it.
     */
    public boolean dueNow(VariableScope supportCase) {
        return !waitsOnCustomer(supportCase) && dueNow(CaseVariable.CASE_REFERENCE.get(supportCase),
                CaseVariable.PLAN.get(supportCase), CaseVariable.UPDATE_INTERVAL.get(supportCase));
    }

    /** Whether the customer has heard nothing for a whole update interval by now. */
    public boolean dueNow(String caseReference, String plan, String updateInterval) {
        return isDue(messages.lastOutboundAt(caseReference), clock.now(), calendars.of(plan), updateInterval);
    }

    /**
     * The timer cycle {@code R/<next update due>/<interval>}, e.g. {@code R/2026-11-24T08:00:00Z/PT8H}. The interval
     * after the date only matters if the engine ever had to repeat without re-evaluating.
     */
    public String cycle(String caseReference, String plan, String updateInterval) {
        Instant next = nextDue(messages.lastOutboundAt(caseReference), clock.now(), calendars.of(plan), updateInterval);
        return "R/" + next + "/" + updateInterval;
    }

    /** {@link #cycle}, aware of a wait on the customer's answer (the timers in the model use this one). */
    public String cycle(String caseReference, String plan, String updateInterval, VariableScope execution) {
        Optional<Instant> lastOutbound = messages.lastOutboundAt(caseReference);
        Instant now = clock.now();
        BusinessCalendar calendar = calendars.of(plan);
        Instant next = waitsOnCustomer(execution) && isDue(lastOutbound, now, calendar, updateInterval)
                ? afterTheReminder(execution.getVariable("reminderDueAt"), now)
                : nextDue(lastOutbound, now, calendar, updateInterval);
        return "R/" + next + "/" + updateInterval;
    }

    /**
     * {@link #cycle} of "Keep the customer informed" in the work on the solution, which Listen starts. When the
     * update fell due while the customer waited to be heard and Listen is completed without reaching them
     * ({@code spokeToCustomer} not "yes"), the update is owed now: the timer on Listen that would have sent it went
     * with Listen (its firing met the completion and was rolled back), so the work's first firing is in the next
     * minute, not one interval from now. Only as the work starts (the execution is still on the flow into it); when
     * the timer fires it is on none, and an update owed then goes out now, the next one interval later.
     */
    public String workCycle(String caseReference, String plan, String updateInterval, DelegateExecution execution) {
        boolean workStarts = execution.getCurrentTransitionId() != null;
        if (workStarts && !"yes".equals(execution.getVariable(SPOKE_TO_CUSTOMER)) && !waitsOnCustomer(execution)
                && dueNow(caseReference, plan, updateInterval)) {
            return "R/" + BusinessCalendar.toTheMinute(clock.now()).plus(1, ChronoUnit.MINUTES) + "/" + updateInterval;
        }
        return cycle(caseReference, plan, updateInterval, execution);
    }

    /** Whether the case waits on the customer's answer: the reminders keep them informed, no progress update. */
    public static boolean waitsOnCustomer(VariableScope execution) {
        return Boolean.TRUE.equals(execution.getVariable(ResolutionClock.PAUSED));
    }

    static Instant afterTheReminder(Object reminderDueAt, Instant now) {
        Instant reminder = reminderDueAt instanceof Date date && date.toInstant().isAfter(now) ? date.toInstant() : now;
        return BusinessCalendar.toTheMinute(reminder).plus(1, ChronoUnit.MINUTES);
    }

    /** When the next progress update falls due on that plan and interval, as {@link #cycle} arms the timer. */
    public Instant nextDueAt(String caseReference, String plan, String updateInterval) {
        return nextDue(messages.lastOutboundAt(caseReference), clock.now(), calendars.of(plan), updateInterval);
    }

    static boolean isDue(Optional<Instant> lastOutbound, Instant now, BusinessCalendar calendar, String interval) {
        return lastOutbound.map(last -> !calendar.after(last, interval).isAfter(now)).orElse(true);
    }

    /**
     * One interval after the last message; when that has passed, one interval from now: either an update goes out
     * now (the timer fired), or the owner has just talked with the customer (the work on the case starts).
     */
    static Instant nextDue(Optional<Instant> lastOutbound, Instant now, BusinessCalendar calendar, String interval) {
        if (!isDue(lastOutbound, now, calendar, interval)) {
            return calendar.after(lastOutbound.orElseThrow(), interval);
        }
        return calendar.after(now, interval);
    }
}
