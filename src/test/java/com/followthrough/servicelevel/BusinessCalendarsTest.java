package com.followthrough.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;

/** The plans' business calendars as application.yaml configures them, and the deadlines counted on them. */
@FollowThroughSpringTest
class BusinessCalendarsTest {

    @Autowired BusinessCalendars calendars;
    @Autowired CaseDeadlines deadlines;

    @Test
    void standardPlanWorksMondayToFridayNineToFiveInBerlinAndClosesOnGermanPublicHolidays() {
        BusinessCalendar standard = calendars.of("standard");

        assertThat(standard.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(standard.hours()).hasToString("09:00-17:00");
        assertThat(standard.workingDays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(standard.closedDays()).hasToString("public holidays of DE");
        assertThat(standard.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(standard.isWorkingDay(LocalDate.of(2026, 12, 24))).isTrue();
    }

    @Test
    void premiumPlanWorksSaturdaysEightToEightAndClosesOnTheSameHolidays() {
        BusinessCalendar premium = calendars.of("premium");

        assertThat(premium.hours().opens()).isEqualTo(LocalTime.of(8, 0));
        assertThat(premium.isWorkingDay(LocalDate.of(2026, 11, 21))).as("a Saturday").isTrue();
        assertThat(premium.isWorkingDay(LocalDate.of(2026, 11, 22))).as("a Sunday").isFalse();
        assertThat(premium.isWorkingDay(LocalDate.of(2035, 12, 26))).as("a Wednesday, Boxing Day").isFalse();
        assertThat(premium.isWorkingDay(LocalDate.of(2035, 12, 27))).isTrue();
    }

    @Test
    void enterprisePlanWorksAroundTheClock() {
        assertThat(calendars.of("enterprise")).isEqualTo(BusinessCalendar.aroundTheClock(ZoneId.of("Europe/Berlin")));
    }

    @Test
    @SuppressWarnings("deprecation")
    void casesOnAnOlderModelVersionStillGetPlainTimeDeadlines() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-20T15:30:00Z"))); // Friday 16:30 in Berlin
        try {
            assertThat(deadlines.after("PT8H")).isEqualTo(Date.from(Instant.parse("2026-11-20T23:30:00Z")));
            assertThat(deadlines.after("PT8H", "standard")).as("Monday 16:30 in Berlin")
                    .isEqualTo(Date.from(Instant.parse("2026-11-23T15:30:00Z")));
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void anUnknownCalendarIsNamedWithTheOnesThatExist() {
        assertThatThrownBy(() -> calendars.of("gold"))
                .hasMessage("No business calendar 'gold'; there are [enterprise, premium, standard]");
    }
}
