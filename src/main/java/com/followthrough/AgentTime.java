package com.followthrough;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A time as agents read it in a refusal or a note: "Tue 24 Nov 2026, 14:00 CET", in the support team's time zone. */
public final class AgentTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private AgentTime() {
    }

    public static String readable(Instant instant, ZoneId supportZone) {
        return FORMAT.format(instant.atZone(supportZone));
    }
}
