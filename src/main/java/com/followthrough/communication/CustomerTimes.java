package com.followthrough.communication;

import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Date;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.followthrough.servicelevel.BusinessCalendars;

/**
 * A time as the customer reads it in a message: weekday, date and time in their language, in the time zone of the
 * plan's business calendar, the zone the deadline was counted in, with the zone named: "Monday, November 23, 2026,
 * 12:30 PM CET", "Montag, 23. November 2026, 12:30 MEZ". The weekday matters because deadlines in business hours
 * skip weekends and holidays.
 */
@Component
public class CustomerTimes {

    private final BusinessCalendars calendars;

    public CustomerTimes(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    /** The moment (a {@link Date} case variable) for a case on that plan; "" when there is none. */
    public String format(Object moment, String plan, Locale language) {
        if (!(moment instanceof Date date)) {
            return "";
        }
        return new DateTimeFormatterBuilder()
                .appendLocalized(FormatStyle.FULL, FormatStyle.SHORT)
                .appendLiteral(' ')
                .appendZoneText(TextStyle.SHORT)
                .toFormatter(language)
                .withZone(calendars.of(plan).zone())
                .format(date.toInstant());
    }
}
