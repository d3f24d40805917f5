package com.followthrough.servicelevel;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import com.followthrough.SupportProperties;
import com.followthrough.SupportProperties.PlanCalendar;
import com.followthrough.vocabulary.Plan;

/**
 * The business calendars from the settings ({@code follow-through.calendars.<name>}), one per plan. The app does
 * not start when a plan has none or a calendar is not valid, so no case ever meets a missing calendar.
 */
@Component
public class BusinessCalendars {

    private final Map<String, BusinessCalendar> byName = new TreeMap<>();

    public BusinessCalendars(SupportProperties properties) {
        Map<String, PlanCalendar> configured = properties.calendars() == null ? Map.of() : properties.calendars();
        configured.forEach((name, calendar) -> byName.put(name, calendar(name, calendar)));
        for (String plan : Plan.IDS) {
            if (!byName.containsKey(plan)) {
                throw new IllegalStateException("follow-through.calendars." + plan
                        + " is missing: every plan needs a business calendar");
            }
        }
    }

    /** The calendar of that name, usually a plan's. */
    public BusinessCalendar of(String name) {
        BusinessCalendar calendar = byName.get(name);
        if (calendar == null) {
            throw new IllegalArgumentException("No business calendar '" + name + "'; there are " + byName.keySet());
        }
        return calendar;
    }

    /** Works out this year's closed days of every calendar now, rather than while the first case waits for them. */
    public void prepareThisYear() {
        byName.values().forEach(calendar -> calendar.closedDays().isClosed(LocalDate.now(calendar.zone())));
    }

    private static ClosedDays closedDays(PlanCalendar settings) {
        if (!settings.holidays().isEmpty()) {
            throw new IllegalArgumentException("holidays is no longer read: set country (DE), optionally region (BE),"
                    + " and extra-closed-days for days the team closes besides the public holidays");
        }
        if (settings.country() == null || settings.country().isBlank()) {
            if (settings.region() != null && !settings.region().isBlank()) {
                throw new IllegalArgumentException("region '" + settings.region() + "' needs a country");
            }
            return settings.extraClosedDays().isEmpty() ? ClosedDays.NONE : ClosedDays.on(settings.extraClosedDays());
        }
        return new PublicHolidays(settings.country(), settings.region(), settings.extraClosedDays());
    }

    private static BusinessCalendar calendar(String name, PlanCalendar settings) {
        try {
            return new BusinessCalendar(settings.timeZone(), settings.workingDays(),
                    BusinessCalendar.WorkingHours.parse(settings.workingHours()), closedDays(settings));
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("follow-through.calendars." + name + ": " + invalid.getMessage(), invalid);
        }
    }
}
