package com.followthrough.communication;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.followthrough.servicelevel.BusinessCalendars;

/**
 * A time as the customer reads it in a message: weekday, date and time in their language ({@code mail.time} in
 * {@code customer-messages_<language>.properties}), in the time zone of the plan's business calendar, the zone the
 * deadline was counted in: "Monday, 23 November 2026, 12:30 CET", "Montag, 23. November 2026, 12:30 Uhr". The
 * weekday matters because deadlines in business hours skip weekends and holidays.
 */
@Component
public class CustomerTimes {

    private final BusinessCalendars calendars;
    private final MessageSource words;

    public CustomerTimes(BusinessCalendars calendars, MessageSource words) {
        this.calendars = calendars;
        this.words = words;
    }

    /** The moment (a {@link Date} case variable) for a case on that plan; "" when there is none. */
    public String format(Object moment, String plan, Locale language) {
        if (!(moment instanceof Date date)) {
            return "";
        }
        return DateTimeFormatter.ofPattern(words.getMessage("mail.time", null, language), language)
                .withZone(calendars.of(plan).zone())
                .format(date.toInstant());
    }
}
