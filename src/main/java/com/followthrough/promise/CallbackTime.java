package com.followthrough.promise;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import com.followthrough.AgentTime;
import com.followthrough.SupportProperties;

/**
 * The promised callback time: read as the promise form sends it, a clock time without zone ({@code 2026-11-24T10:30},
 * form-js "no_timezone") meant in the support team's zone, which the form names, so 10:30 typed is 10:30 there whatever
 * the zone of the agent's browser or of the server; an integrator may send an instant with an offset
 * ({@code 2026-11-24T10:30+01:00} or {@code ...Z}), or a {@link Date} through the Java API. Checked against the window
 * a promise must fall in (see {@link #check}).
 */
final class CallbackTime {

    /** The variable each refusal names: the field of the promise forms, and what Keep the promise at risk sets. */
    static final String FIELD = "callbackAt";

    private CallbackTime() {
    }

    static Instant parse(Object value, ZoneId supportZone) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            throw new InvalidPromiseException(FIELD, "Say when you will call the customer back: the callback date"
                    + " and time (" + FIELD + ") are required");
        }
        String text = value.toString().trim();
        AgentTime.clockChange(text, supportZone).ifPresent(problem -> {
            throw new InvalidPromiseException(FIELD, "The callback time (" + FIELD + ") " + problem);
        });
        return AgentTime.typed(text, supportZone).orElseThrow(() -> new InvalidPromiseException(FIELD,
                "The callback time (" + FIELD + ") '" + text + "' is not a date and time: give the day and the clock"
                + " time in the support team's zone " + supportZone.getId() + ", such as 2026-12-04T10:30"));
    }

    /**
     * A callback is a promise to a person, so its time must be one the agent will really keep: not in the past, at
     * least {@code minLead} ahead (time to prepare, and the written promise reaches the customer before the call),
     * and at most {@code maxAhead} (further off is a typo in the month or year, or weeks of silence called a promise).
     */
    static void check(Instant due, Instant now, SupportProperties properties) {
        ZoneId zone = properties.support().timeZone();
        Duration minLead = properties.callback().minLead();
        Duration maxAhead = properties.callback().maxAhead();
        if (!due.isAfter(now)) {
            throw new InvalidPromiseException(FIELD, "The callback time (" + FIELD + ") "
                    + AgentTime.readable(due, zone)
                    + " has already passed (it is now "
                    + AgentTime.readable(now, zone) + "). Pick a time from now on, when you will really call.");
        }
        if (due.isBefore(now.plus(minLead))) {
            throw new InvalidPromiseException(FIELD, "The callback time (" + FIELD + ") "
                    + AgentTime.readable(due, zone)
                    + " is less than " + words(minLead)
                    + " from now. Give yourself time to prepare the call, and the customer time to read your promise: pick "
                    + AgentTime.readable(now.plus(minLead), zone) + " or later.");
        }
        if (due.isAfter(now.plus(maxAhead))) {
            throw new InvalidPromiseException(FIELD, "The callback time (" + FIELD + ") "
                    + AgentTime.readable(due, zone)
                    + " is more than " + words(maxAhead)
                    + " ahead. Check the month and year; a promise that far off leaves the customer without news. Promise a"
                    + " call by " + AgentTime.readable(now.plus(maxAhead), zone) + ", sooner if you can.");
        }
    }

    /** "5 minutes", "30 days", "2 hours": the configured window as the agent reads it. */
    static String words(Duration duration) {
        if (duration.toMinutes() % (24 * 60) == 0) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toMinutes() % 60 == 0) {
            return plural(duration.toHours(), "hour");
        }
        return plural(duration.toMinutes(), "minute");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
