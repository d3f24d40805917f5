package com.followthrough;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
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

    /**
     * Why a clock time typed without offset names no single moment in the support team's zone, ending in what to type
     * instead: it does not exist (the clocks go forward over it, and {@link #typed} would move it an hour on) or it
     * happens twice (they go back over it). Empty for a time that names one moment, one with an offset, or no time.
     */
    public static Optional<String> clockChange(String text, ZoneId supportZone) {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeParseException notAClockTime) {
            return Optional.empty();
        }
        List<ZoneOffset> offsets = supportZone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return Optional.empty();
        }
        ZoneOffsetTransition change = supportZone.getRules().getTransition(local);
        LocalTime from = change.getDateTimeBefore().toLocalTime();
        LocalTime to = change.getDateTimeAfter().toLocalTime();
        if (change.isGap()) {
            return Optional.of(text + " does not exist in " + supportZone.getId() + ": that night the clocks go forward"
                    + " from " + from + " to " + to + ". Pick " + to + " or later.");
        }
        return Optional.of(text + " happens twice in " + supportZone.getId() + ": that night the clocks go back from "
                + from + " to " + to + ". Pick another time, or give the offset: " + text + offsets.get(0)
                + " (the first) or " + text + offsets.get(1) + " (the second).");
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
