package com.followthrough;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A time as the support team reads it, in the support team's time zone: "Tue 24 Nov 2026, 14:00 CET" in a refusal or
 * a note, "Tue 24 Nov, 14:00 CET" in Tasklist's lists and forms, where the year is said only when it is not this year.
 */
public final class AgentTime {

    /**
     * A time as a form or the API sends it: with an offset, or without one, which means the support team's zone (the
     * zone the form names). Empty when the text is neither.
     */
    public static Optional<Instant> typed(String text, ZoneId supportZone) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).atZone(supportZone).toInstant());
            } catch (DateTimeParseException notATime) {
                return Optional.empty();
            }
        }
    }


    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm z", Locale.ENGLISH);

    private AgentTime() {
    }

    public static String readable(Instant instant, ZoneId supportZone) {
        return FORMAT.format(instant.atZone(supportZone));
    }

    /** Without the year when it is the year of {@code now}. */
    public static String brief(Instant instant, ZoneId supportZone, Instant now) {
        ZonedDateTime at = instant.atZone(supportZone);
        return (at.getYear() == now.atZone(supportZone).getYear() ? THIS_YEAR : FORMAT).format(at);
    }

    /**
     * The zone as a form names it, "Europe/Berlin (CET)", "Europe/Berlin (CEST)" in summer: the id settles which zone,
     * the abbreviation is what the times in lists and messages end with.
     */
    public static String zoneName(ZoneId supportZone, Instant now) {
        return supportZone.getId() + " (" + ZONE_ABBREVIATION.format(now.atZone(supportZone)) + ")";
    }
}
