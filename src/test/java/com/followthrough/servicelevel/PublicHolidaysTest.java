package com.followthrough.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.followthrough.servicelevel.BusinessCalendar.WorkingHours;

/**
 * Holidays that never run out: the standard plan's calendar (Mon–Fri 09:00–17:00, Berlin, public holidays of DE from
 * Jollyday) skips the holidays of every year from 2026 to 2035, the moving ones (Easter) included. The Easter dates
 * below are from the Gregorian computus, not from the library under test.
 */
class PublicHolidaysTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static final Map<Integer, LocalDate> EASTER_SUNDAY = Map.of(2026, LocalDate.of(2026, 4, 5), 2027, LocalDate.of(2027, 3, 28),
            2028, LocalDate.of(2028, 4, 16), 2029, LocalDate.of(2029, 4, 1), 2030, LocalDate.of(2030, 4, 21),
            2031, LocalDate.of(2031, 4, 13), 2032, LocalDate.of(2032, 3, 28), 2033, LocalDate.of(2033, 4, 17),
            2034, LocalDate.of(2034, 4, 9), 2035, LocalDate.of(2035, 3, 25));

    static final BusinessCalendar STANDARD_GERMANY = standard(new PublicHolidays("DE", null, Set.of()));

    static BusinessCalendar standard(ClosedDays closed) {
        return new BusinessCalendar(BERLIN, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                WorkingHours.parse("09:00-17:00"), closed);
    }

    static Instant berlin(LocalDate day, int hour) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, 0)).atZone(BERLIN).toInstant();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035})
    void everyYearTheNationalHolidaysAreClosedAndTheDaysAroundThemOpen(int year) {
        LocalDate easter = EASTER_SUNDAY.get(year);
        Set<LocalDate> closed = Set.of(LocalDate.of(year, 1, 1), easter.minusDays(2), easter.plusDays(1),
                LocalDate.of(year, 5, 1), easter.plusDays(39), easter.plusDays(50), LocalDate.of(year, 10, 3),
                LocalDate.of(year, 12, 25), LocalDate.of(year, 12, 26));
        PublicHolidays holidays = new PublicHolidays("DE", null, Set.of());

        assertThat(holidays.publicHolidaysIn(year)).containsExactlyInAnyOrderElementsOf(closed);
        assertThat(STANDARD_GERMANY.isWorkingDay(easter.minusDays(3))).as("Maundy Thursday").isTrue();
        assertThat(STANDARD_GERMANY.isWorkingDay(easter.plusDays(2))).as("the Tuesday after Easter").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035})
    void twoHoursFromMaundyThursdayAfternoonAreTheTuesdayAfterEaster(int year) {
        LocalDate easter = EASTER_SUNDAY.get(year);

        assertThat(STANDARD_GERMANY.after(berlin(easter.minusDays(3), 16), "PT2H"))
                .isEqualTo(berlin(easter.plusDays(2), 10));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035})
    void christmasAndNewYearAreSkippedEveryYear(int year) {
        LocalDate firstAfterChristmas = firstWeekdayFrom(LocalDate.of(year, 12, 27));
        LocalDate christmasEve = LocalDate.of(year, 12, 24);
        assertThat(STANDARD_GERMANY.isWorkingDay(LocalDate.of(year, 12, 25))).isFalse();
        assertThat(STANDARD_GERMANY.isWorkingDay(LocalDate.of(year, 12, 26))).isFalse();
        assertThat(STANDARD_GERMANY.isWorkingDay(LocalDate.of(year + 1, 1, 1))).isFalse();
        if (isWeekday(christmasEve)) {
            assertThat(STANDARD_GERMANY.after(berlin(christmasEve, 16), "PT2H"))
                    .as("24 Dec 16:00 + 2 working hours").isEqualTo(berlin(firstAfterChristmas, 10));
        }
        LocalDate newYearsEve = LocalDate.of(year, 12, 31);
        if (isWeekday(newYearsEve)) {
            assertThat(STANDARD_GERMANY.after(berlin(newYearsEve, 16), "P1D")).as("31 Dec 16:00 + 1 working day")
                    .isEqualTo(berlin(firstWeekdayFrom(LocalDate.of(year + 1, 1, 2)), 16));
        }
    }

    @Test
    void aRegionAddsItsOwnHolidays() {
        PublicHolidays berlin = new PublicHolidays("DE", "BE", Set.of());
        PublicHolidays bavaria = new PublicHolidays("de", "by", Set.of());
        PublicHolidays national = new PublicHolidays("DE", null, Set.of());

        for (int year = 2026; year <= 2035; year++) {
            LocalDate womensDay = LocalDate.of(year, 3, 8);
            LocalDate epiphany = LocalDate.of(year, 1, 6);
            assertThat(berlin.isClosed(womensDay)).as("8 March %d in Berlin", year).isTrue();
            assertThat(bavaria.isClosed(epiphany)).as("6 January %d in Bavaria", year).isTrue();
            assertThat(national.isClosed(womensDay)).as("8 March %d nationally", year).isFalse();
            assertThat(national.isClosed(epiphany)).as("6 January %d nationally", year).isFalse();
            assertThat(berlin.isClosed(LocalDate.of(year, 12, 25))).as("the national ones too").isTrue();
        }
        // 8 March 2030 is a Friday: a Berlin team counts from Monday.
        assertThat(standard(berlin).after(berlin(LocalDate.of(2030, 3, 7), 16), "PT2H"))
                .isEqualTo(berlin(LocalDate.of(2030, 3, 11), 10));
        assertThat(standard(national).after(berlin(LocalDate.of(2030, 3, 7), 16), "PT2H"))
                .isEqualTo(berlin(LocalDate.of(2030, 3, 8), 10));
    }

    @Test
    void extraClosedDaysCloseTheTeamToo() {
        PublicHolidays withChristmasEve = new PublicHolidays("DE", null, Set.of(LocalDate.of(2030, 12, 24)));

        assertThat(withChristmasEve.isClosed(LocalDate.of(2030, 12, 24))).isTrue();
        assertThat(withChristmasEve.isClosed(LocalDate.of(2031, 12, 24))).isFalse();
        assertThat(standard(withChristmasEve).after(berlin(LocalDate.of(2030, 12, 23), 16), "PT2H"))
                .isEqualTo(berlin(LocalDate.of(2030, 12, 27), 10));
    }

    @Test
    void withoutARegionTheRulesAreReadOnFirstUseNotWhenTheAppStarts() {
        PublicHolidays holidays = new PublicHolidays("DE", null, Set.of());
        assertThat(holidays.rulesRead()).isFalse();

        assertThat(holidays.isClosed(LocalDate.of(2026, 12, 25))).isTrue();
        assertThat(holidays.rulesRead()).isTrue();
        assertThat(new PublicHolidays("DE", "BY", Set.of()).rulesRead()).as("a region is checked against them at once").isTrue();
    }

    @Test
    void anUnknownCountryOrRegionIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> new PublicHolidays("XX", null, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("country 'XX' has no public holiday calendar");
        assertThatThrownBy(() -> new PublicHolidays("DE", "XY", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region 'XY' is not a region of DE")
                .hasMessageContaining("BE");
        assertThatThrownBy(() -> new PublicHolidays(" ", null, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5;
    }

    private static LocalDate firstWeekdayFrom(LocalDate day) {
        LocalDate next = day;
        while (!isWeekday(next)) {
            next = next.plusDays(1);
        }
        return next;
    }
}
