package com.followthrough.servicelevel;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.util.Date;

import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * Turns the service-level targets (ISO-8601 durations from the service-levels decision) into dates stored
 * on the case, so timers, Tasklist due dates and reports agree on one deadline.
 * Used from the model as {@code ${deadlines.after('PT4H')}}.
 */
@Component("deadlines")
public class CaseDeadlines {

    private final EngineClock clock;

    public CaseDeadlines(EngineClock clock) {
        this.clock = clock;
    }

    public Date after(String isoDuration) {
        if (isoDuration == null || isoDuration.isBlank()) {
            throw new IllegalArgumentException("A deadline needs a duration, got none");
        }
        try {
            return Date.from(clock.now().plus(Duration.parse(isoDuration)));
        } catch (DateTimeParseException notADuration) {
            Period period = Period.parse(isoDuration);
            return Date.from(clock.now().atOffset(ZoneOffset.UTC).plus(period).toInstant());
        }
    }
}
