package com.followthrough.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.followthrough.SupportProperties;
import com.followthrough.SupportProperties.PlanCalendar;

/** What {@code follow-through.calendars} accepts, and what stops the start with the setting named. */
class CalendarSettingsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static PlanCalendar weekdays(String country, String region, Set<LocalDate> extra, Set<LocalDate> holidays) {
        return new PlanCalendar(BERLIN, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), "09:00-17:00", country, region,
                extra, holidays);
    }

    static BusinessCalendars calendars(PlanCalendar standard) {
        Map<String, PlanCalendar> plans = new HashMap<>();
        plans.put("standard", standard);
        plans.put("premium", weekdays("DE", null, Set.of(), Set.of()));
        plans.put("enterprise", new PlanCalendar(BERLIN, EnumSet.allOf(DayOfWeek.class), "00:00-24:00", null, null,
                Set.of(), Set.of()));
        return new BusinessCalendars(new SupportProperties(null, null, null, null, plans));
    }

    @Test
    void aRegionAndExtraClosedDaysComeOnTopOfTheCountrysHolidays() {
        BusinessCalendar standard = calendars(weekdays("DE", "BY", Set.of(LocalDate.of(2031, 12, 24)), Set.of()))
                .of("standard");

        assertThat(standard.isWorkingDay(LocalDate.of(2031, 1, 6))).as("Epiphany in Bavaria").isFalse();
        assertThat(standard.isWorkingDay(LocalDate.of(2031, 12, 24))).as("an extra closed day").isFalse();
        assertThat(standard.isWorkingDay(LocalDate.of(2031, 12, 23))).isTrue();
    }

    @Test
    void withoutACountryOnlyTheExtraClosedDaysAreClosed() {
        BusinessCalendar standard = calendars(weekdays(null, null, Set.of(LocalDate.of(2031, 12, 24)), Set.of()))
                .of("standard");

        assertThat(standard.isWorkingDay(LocalDate.of(2031, 12, 25))).isTrue();
        assertThat(standard.isWorkingDay(LocalDate.of(2031, 12, 24))).isFalse();
    }

    @Test
    void anOldHandTypedHolidayListStopsTheStartInsteadOfRunningOut() {
        assertThatThrownBy(() -> calendars(weekdays("DE", null, Set.of(), Set.of(LocalDate.of(2026, 12, 25)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("follow-through.calendars.standard: holidays is no longer read");
    }

    @Test
    void anUnknownCountryOrARegionWithoutCountryStopsTheStart() {
        assertThatThrownBy(() -> calendars(weekdays("Germany", null, Set.of(), Set.of())))
                .hasMessageStartingWith("follow-through.calendars.standard: country 'Germany' has no public holiday calendar");
        assertThatThrownBy(() -> calendars(weekdays(null, "BE", Set.of(), Set.of())))
                .hasMessage("follow-through.calendars.standard: region 'BE' needs a country");
        assertThatThrownBy(() -> calendars(weekdays("DE", "Berlin", Set.of(), Set.of())))
                .hasMessageContaining("region 'Berlin' is not a region of DE");
    }
}
