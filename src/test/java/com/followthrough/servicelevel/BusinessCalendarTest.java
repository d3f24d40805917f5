package com.followthrough.servicelevel;

import static java.time.DayOfWeek.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.followthrough.servicelevel.BusinessCalendar.WorkingHours;

/** Service-level targets counted in business hours, on calendars like the plans' (application.yaml). */
class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final Set<LocalDate> GERMAN_HOLIDAYS_2026 = Set.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 3),
            LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 14), LocalDate.of(2026, 5, 25),
            LocalDate.of(2026, 10, 3), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26), LocalDate.of(2027, 1, 1));

    static final BusinessCalendar STANDARD = new BusinessCalendar(BERLIN, EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
            WorkingHours.parse("09:00-17:00"), ClosedDays.on(GERMAN_HOLIDAYS_2026));
    static final BusinessCalendar PREMIUM = new BusinessCalendar(BERLIN, EnumSet.range(MONDAY, SATURDAY),
            WorkingHours.parse("08:00-20:00"), ClosedDays.on(GERMAN_HOLIDAYS_2026));
    static final BusinessCalendar ENTERPRISE = new BusinessCalendar(BERLIN, EnumSet.allOf(java.time.DayOfWeek.class),
            WorkingHours.parse("00:00-24:00"), ClosedDays.NONE);

    /** A wall-clock time in Berlin, e.g. "2026-11-20T16:30" (a Friday). */
    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    // --- standard plan: Monday to Friday, 09:00-17:00, German public holidays --------------------------------

    @Test
    void fourHoursFromFridayHalfPastFourAreMondayHalfPastTwelve() {
        assertThat(STANDARD.after(berlin("2026-11-20T16:30"), "PT4H")).isEqualTo(berlin("2026-11-23T12:30"));
    }

    @Test
    void aTargetThatEndsAtClosingTimeIsDueAtClosingTimeNotNextMorning() {
        assertThat(STANDARD.after(berlin("2026-11-20T16:30"), "PT30M")).isEqualTo(berlin("2026-11-20T17:00"));
    }

    @Test
    void countingStartsAtTheNextOpeningWhenTheCaseArrivesOutsideWorkingHours() {
        assertThat(STANDARD.after(berlin("2026-11-21T11:00"), "PT1H")).as("Saturday").isEqualTo(berlin("2026-11-23T10:00"));
        assertThat(STANDARD.after(berlin("2026-11-23T07:00"), "PT30M")).as("early Monday").isEqualTo(berlin("2026-11-23T09:30"));
        assertThat(STANDARD.after(berlin("2026-11-24T18:00"), "PT2H")).as("Tuesday evening").isEqualTo(berlin("2026-11-25T11:00"));
    }

    @Test
    void oneDayIsTheSameTimeOnTheNextWorkingDay() {
        assertThat(STANDARD.after(berlin("2026-11-20T16:30"), "P1D")).isEqualTo(berlin("2026-11-23T16:30"));
        assertThat(STANDARD.after(berlin("2026-11-24T10:15"), "P1D")).isEqualTo(berlin("2026-11-25T10:15"));
    }

    @Test
    void daysCountFromTheNextOpeningWhenTheCaseArrivesOutsideWorkingHours() {
        assertThat(STANDARD.after(berlin("2026-11-21T11:00"), "P1D")).isEqualTo(berlin("2026-11-24T09:00"));
    }

    @Test
    void multiDayTargetsSkipWeekends() {
        assertThat(STANDARD.after(berlin("2026-11-25T10:00"), "P5D")).as("Wednesday + 5 working days")
                .isEqualTo(berlin("2026-12-02T10:00"));
        assertThat(STANDARD.after(berlin("2026-11-20T16:30"), "P1DT4H")).as("days first, then hours")
                .isEqualTo(berlin("2026-11-24T12:30"));
        assertThat(STANDARD.after(berlin("2026-11-23T09:00"), "PT24H")).as("24 working hours are three working days")
                .isEqualTo(berlin("2026-11-25T17:00"));
    }

    @Test
    void aWeekdayPublicHolidayIsNoWorkingDay() {
        assertThat(STANDARD.after(berlin("2026-12-24T16:00"), "PT4H")).as("24 Dec, then 25 Dec (Friday), the weekend")
                .isEqualTo(berlin("2026-12-28T12:00"));
        assertThat(STANDARD.after(berlin("2026-04-30T15:00"), "PT4H")).as("1 May 2026 is a Friday")
                .isEqualTo(berlin("2026-05-04T11:00"));
        assertThat(STANDARD.after(berlin("2026-12-21T10:00"), "P10D")).as("over Christmas and New Year")
                .isEqualTo(berlin("2027-01-06T10:00"));
    }

    @Test
    void aCaseOpenedOnAHolidayIsCountedFromTheNextWorkingMorning() {
        assertThat(STANDARD.after(berlin("2026-05-14T10:00"), "PT2H")).as("Ascension Day").isEqualTo(berlin("2026-05-15T11:00"));
    }

    @Test
    void workingHoursStayNineToFiveWallClockAcrossTheSpringDaylightSavingChange() {
        // Sunday 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
        assertThat(STANDARD.after(berlin("2026-03-27T14:00"), "PT8H")).isEqualTo(berlin("2026-03-30T14:00"));
        assertThat(STANDARD.after(berlin("2026-03-27T14:00"), "P1D")).isEqualTo(berlin("2026-03-30T14:00"));
        assertThat(Duration.between(berlin("2026-03-27T14:00"), berlin("2026-03-30T14:00")))
                .as("one hour less than three days on the wall clock").isEqualTo(Duration.ofHours(71));
    }

    @Test
    void workingHoursStayNineToFiveWallClockAcrossTheAutumnDaylightSavingChange() {
        // Sunday 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET.
        assertThat(STANDARD.after(berlin("2026-10-23T16:00"), "PT2H")).isEqualTo(berlin("2026-10-26T10:00"));
        assertThat(STANDARD.after(berlin("2026-10-23T16:00"), "P1D")).isEqualTo(berlin("2026-10-26T16:00"));
    }

    @Test
    void aReminderBeforeAMondayMorningCallbackFallsOnFridayAfternoon() {
        assertThat(STANDARD.minusWorkingTime(berlin("2026-11-23T09:10"), Duration.ofMinutes(15)))
                .isEqualTo(berlin("2026-11-20T16:55"));
        assertThat(STANDARD.minusWorkingTime(berlin("2026-11-24T15:00"), Duration.ofMinutes(15)))
                .as("within the day").isEqualTo(berlin("2026-11-24T14:45"));
        assertThat(STANDARD.minusWorkingTime(berlin("2026-11-21T10:00"), Duration.ofMinutes(15)))
                .as("a callback promised for Saturday").isEqualTo(berlin("2026-11-20T16:45"));
    }

    @Test
    void knowsWhenItIsOpen() {
        assertThat(STANDARD.isOpen(berlin("2026-11-23T09:00"))).isTrue();
        assertThat(STANDARD.isOpen(berlin("2026-11-23T17:00"))).isFalse();
        assertThat(STANDARD.isOpen(berlin("2026-12-25T10:00"))).isFalse();
        assertThat(STANDARD.nextOpening(berlin("2026-11-20T17:00"))).isEqualTo(berlin("2026-11-23T09:00"));
    }

    // --- premium plan: Monday to Saturday, 08:00-20:00 -------------------------------------------------------

    @Test
    void saturdayCountsAndSundayDoesNot() {
        assertThat(PREMIUM.after(berlin("2026-11-20T19:00"), "PT2H")).as("Friday evening → Saturday morning")
                .isEqualTo(berlin("2026-11-21T09:00"));
        assertThat(PREMIUM.after(berlin("2026-11-21T19:00"), "PT2H")).as("Saturday evening → Monday morning")
                .isEqualTo(berlin("2026-11-23T09:00"));
    }

    @Test
    void twelveWorkingHoursAreOneWorkingDay() {
        assertThat(PREMIUM.after(berlin("2026-11-20T14:00"), "PT12H")).isEqualTo(berlin("2026-11-21T14:00"));
        assertThat(PREMIUM.after(berlin("2026-11-20T14:00"), "P1D")).isEqualTo(berlin("2026-11-21T14:00"));
    }

    // --- enterprise plan: around the clock -------------------------------------------------------------------

    @Test
    void hoursAreAPlainDuration() {
        Instant fridayEvening = berlin("2026-11-20T16:30");
        assertThat(ENTERPRISE.after(fridayEvening, "PT4H")).isEqualTo(fridayEvening.plus(Duration.ofHours(4)));
        assertThat(ENTERPRISE.after(fridayEvening, "PT30M")).isEqualTo(fridayEvening.plus(Duration.ofMinutes(30)));
        assertThat(ENTERPRISE).isEqualTo(BusinessCalendar.aroundTheClock(BERLIN));
    }

    @Test
    void hoursAreAPlainDurationAlsoAcrossADaylightSavingChange() {
        Instant saturdayNight = berlin("2026-03-28T22:00");
        assertThat(ENTERPRISE.after(saturdayNight, "PT8H")).isEqualTo(saturdayNight.plus(Duration.ofHours(8)))
                .isEqualTo(berlin("2026-03-29T07:00"));
    }

    @Test
    void daysAreCalendarDaysInTheCalendarsZone() {
        assertThat(ENTERPRISE.after(berlin("2026-03-28T12:00"), "P1D")).isEqualTo(berlin("2026-03-29T12:00"));
        assertThat(ENTERPRISE.after(berlin("2026-11-20T16:30"), "P3D")).isEqualTo(berlin("2026-11-23T16:30"));
    }

    // --- what it refuses -------------------------------------------------------------------------------------

    @Test
    void targetsThatAreNotPositiveDaysHoursOrMinutes() {
        for (String target : new String[] {"", "four hours", "P1M", "P1Y", "P1W", "PT0S", "-PT1H"}) {
            assertThatThrownBy(() -> STANDARD.after(berlin("2026-11-20T16:30"), target)).as(target)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> STANDARD.after(berlin("2026-11-20T16:30"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingHoursThatCloseBeforeTheyOpen() {
        assertThatThrownBy(() -> WorkingHours.parse("17:00-09:00")).hasMessageContaining("open before they close");
        assertThatThrownBy(() -> WorkingHours.parse("nine to five")).hasMessageContaining("09:00-17:00");
    }

    @Test
    void aCalendarWithoutWorkingDays() {
        assertThatThrownBy(() -> new BusinessCalendar(BERLIN, Set.of(), WorkingHours.parse("09:00-17:00"), ClosedDays.NONE))
                .hasMessageContaining("at least one working day");
    }

    // --- a paused clock: working time between two moments (issue 15, waiting on the customer) -------------------

    @Test
    void pausedFromFridayAfternoonToMondayMorningIsTwoWorkingHoursOnStandard() {
        assertThat(STANDARD.workingTimeBetween(berlin("2026-11-20T16:00"), berlin("2026-11-23T10:00")))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aPauseOverAHolidayAndOutsideOpeningHoursCountsOnlyTheHoursWorked() {
        // Thursday 24 Dec 15:00 to Monday 28 Dec 09:30: 2 h on Thursday, Christmas Friday closed, 30 min on Monday.
        assertThat(STANDARD.workingTimeBetween(berlin("2026-12-24T15:00"), berlin("2026-12-28T09:30")))
                .isEqualTo(Duration.ofMinutes(150));
        assertThat(STANDARD.workingTimeBetween(berlin("2026-11-21T10:00"), berlin("2026-11-22T18:00"))).isZero();
    }

    @Test
    void aPauseOnACalendarOpenAroundTheClockIsElapsedTime() {
        assertThat(ENTERPRISE.workingTimeBetween(berlin("2026-11-20T16:00"), berlin("2026-11-23T10:00")))
                .isEqualTo(Duration.ofHours(66));
        assertThat(ENTERPRISE.workingTimeBetween(berlin("2026-11-23T10:00"), berlin("2026-11-20T16:00"))).isZero();
    }

    @Test
    void theWorkingTimeBetweenIsWhatPlusWorkingTimeAdds() {
        Instant start = berlin("2026-11-19T11:15");
        Instant end = PREMIUM.plusWorkingTime(start, Duration.ofMinutes(1_234));
        assertThat(PREMIUM.workingTimeBetween(start, end)).isEqualTo(Duration.ofMinutes(1_234));
    }
}
