package com.followthrough.servicelevel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * "Never silent" (W1): the customer is owed a progress update once they have heard nothing from us for the case's
 * update interval, counted on the plan's business calendar from the last message that went out to them, of any kind.
 *
 * <p>The "Update interval passed" timer runs on {@link #cycle}: the engine re-evaluates the cycle each time the timer
 * fires ({@code reevaluateTimeCycleWhenDue}), before the check after it runs, and arms the next firing at the start of
 * the new cycle. So a message sent meanwhile moves the next update to one interval after that message, and a case that
 * stays silent gets one update per interval. Message times count from their minute, as the targets do, so a progress
 * update that goes out a few seconds after its timer does not make the next one wait another interval.
 */
@Component("progressUpdates")
public class ProgressUpdates {

    private final LastCustomerContact messages;
    private final BusinessCalendars calendars;
    private final EngineClock clock;

    public ProgressUpdates(LastCustomerContact messages, BusinessCalendars calendars, EngineClock clock) {
        this.messages = messages;
        this.calendars = calendars;
        this.clock = clock;
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

    /** When the next progress update falls due on that plan and interval, as {@link #cycle} arms the timer. */
    public Instant nextDueAt(String caseReference, String plan, String updateInterval) {
        return nextDue(messages.lastOutboundAt(caseReference), clock.now(), calendars.of(plan), updateInterval);
    }

    static boolean isDue(Optional<Instant> lastOutbound, Instant now, BusinessCalendar calendar, String interval) {
        return lastOutbound.map(last -> !calendar.after(toTheMinute(last), interval).isAfter(now)).orElse(true);
    }

    /**
     * One interval after the last message; when that has passed, one interval from now: either an update goes out
     * now (the timer fired), or the owner has just talked with the customer (the work on the case starts).
     */
    static Instant nextDue(Optional<Instant> lastOutbound, Instant now, BusinessCalendar calendar, String interval) {
        if (!isDue(lastOutbound, now, calendar, interval)) {
            return calendar.after(toTheMinute(lastOutbound.orElseThrow()), interval);
        }
        return calendar.after(toTheMinute(now), interval);
    }

    private static Instant toTheMinute(Instant moment) {
        return moment.truncatedTo(ChronoUnit.MINUTES);
    }
}
