package com.followthrough.communication;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.followthrough.AgentTime;
import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.servicelevel.BusinessCalendars;

/**
 * A time as people read it. For the customer in a message: weekday, date and time in their language
 * ({@code mail.time} in {@code customer-messages_<language>.properties}), in the time zone of the plan's business
 * calendar, the zone the customer's deadlines are counted in (the reimbursement's dates are counted on the standard
 * calendar, and shown here in the plan's zone): "Monday, 23 November 2026, 12:30 CET", "Montag, 23. November 2026,
 * 12:30 Uhr MEZ", the zone named in both, as a plan's calendar may keep another zone than a callback's. The weekday
 * matters because deadlines in business hours skip weekends and holidays. For the support team in Tasklist: short,
 * in the support time zone, "Tue 24 Nov, 15:00 CET".
 */
@Component
public class CustomerTimes {

    private final BusinessCalendars calendars;
    private final MessageSource words;
    private final SupportProperties properties;
    private final EngineClock clock;

    public CustomerTimes(BusinessCalendars calendars, MessageSource words, SupportProperties properties,
                         EngineClock clock) {
        this.calendars = calendars;
        this.words = words;
        this.properties = properties;
        this.clock = clock;
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

    /** The support team's zone as a form names it for the times typed there: "Europe/Berlin (CET)". */
    public String supportZoneName() {
        return AgentTime.zoneName(properties.support().timeZone(), clock.now());
    }

    /**
     * A callback time for the customer, in the support team's zone: the zone the agent typed it in ("Promise a
     * callback"), so the customer reads the same clock time the agent promised on the phone, whatever the zone of the
     * plan's calendar; "" when there is none.
     */
    public String inSupportZone(Object moment, Locale language) {
        if (!(moment instanceof Date date)) {
            return "";
        }
        return DateTimeFormatter.ofPattern(words.getMessage("mail.time", null, language), language)
                .withZone(properties.support().timeZone())
                .format(date.toInstant());
    }

    /**
     * The moment as the support team reads it in Tasklist, in the support time zone: "Tue 24 Nov, 15:00 CET", with
     * the year only when it is not this year; "" when there is none.
     */
    public String forTeam(Object moment) {
        if (!(moment instanceof Date date)) {
            return "";
        }
        return AgentTime.brief(date.toInstant(), properties.support().timeZone(), clock.now());
    }
}
