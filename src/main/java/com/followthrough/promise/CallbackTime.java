package com.followthrough.promise;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads the promised callback time as the promise form sends it: a form-js datetime with an offset
 * ({@code 2026-11-24T15:00+01:00}), in UTC ({@code ...Z}), or without zone (then the support team's zone);
 * a {@link Date} when set through the Java API.
 */
final class CallbackTime {

    private CallbackTime() {
    }

    static Instant parse(Object value, ZoneId supportZone) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            throw new InvalidPromiseException("callbackAt is required: say when you will call the customer back");
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(supportZone).toInstant();
            } catch (DateTimeParseException notATime) {
                throw new InvalidPromiseException("callbackAt '" + text + "' is not a date and time");
            }
        }
    }
}
