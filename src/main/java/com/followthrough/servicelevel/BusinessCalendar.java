package com.followthrough.servicelevel;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hours a plan's team works: working days with the same opening hours each, in one time zone, except on
 * its closed days (public holidays, see {@link PublicHolidays}). Service-level targets count on it (ISO-8601 durations, as the service-levels decision gives them):
 * <ul>
 * <li>hours and minutes ({@code PT4H}, {@code PT30M}) count <em>working time</em>: only the time the team works
 * counts, so {@code PT4H} from Friday 16:30 on Mon–Fri 09:00–17:00 is Monday 12:30;</li>
 * <li>days ({@code P1D}, {@code P2D}) count <em>working days</em>: the same local time that many working days
 * later, so {@code P1D} from Friday 16:30 is Monday 16:30 (weeks, months and years are refused: say P5D);</li>
 * <li>counting starts at the next opening when the start is outside working hours;</li>
 * <li>on a calendar open around the clock, hours are plain elapsed time and days are calendar days in its zone.</li>
 * </ul>
 * Opening hours are local wall-clock times, so a daylight-saving change never adds or removes a working hour.
 * Pure: no clock and no Spring.
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, WorkingHours hours, ClosedDays closedDays) {

    /** No calendar has a gap this long without a working day; a longer search means a broken configuration. */
    private static final int MAX_DAYS_SEARCHED = 3_660;

    public BusinessCalendar {
        if (zone == null || hours == null) {
            throw new IllegalArgumentException("A business calendar needs a time zone and working hours");
        }
        if (workingDays == null || workingDays.isEmpty()) {
            throw new IllegalArgumentException("A business calendar needs at least one working day");
        }
        workingDays = Set.copyOf(workingDays);
        closedDays = closedDays == null ? ClosedDays.NONE : closedDays;
    }

    /** Every day, all day, no holidays: service-level targets are plain durations. */
    public static BusinessCalendar aroundTheClock(ZoneId zone) {
        return new BusinessCalendar(zone, EnumSet.allOf(DayOfWeek.class), WorkingHours.ALL_DAY, ClosedDays.NONE);
    }

    /**
     * The moment a service-level target ({@code PT4H}, {@code P2D}, {@code P1DT4H}) counted from {@code start} is
     * reached, counted from the minute of {@code start}: the customer reads a deadline to the minute (13:00), so it
     * falls on that minute, not 41 seconds after it.
     */
    public Instant after(Instant start, String target) {
        start = toTheMinute(start);
        Target parsed = Target.parse(target);
        Instant afterDays = parsed.workingDays() == 0 ? start : plusWorkingDays(start, parsed.workingDays());
        return plusWorkingTime(afterDays, parsed.workingTime());
    }

    /** {@code amount} of working time counted from the minute of {@code start}, as {@link #after} counts. */
    public Instant afterWorkingTime(Instant start, Duration amount) {
        return plusWorkingTime(toTheMinute(start), amount);
    }

    /**
     * The minute a moment falls in: deadlines are counted from it, and the follow-up dates the app sets fall on it, as
     * people read and Tasklist sorts them (a reminder at 14:03, not 14:03:27).
     */
    public static Instant toTheMinute(Instant moment) {
        return moment.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The moment when {@code amount} of working time has passed since {@code start}. */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        requireNotNegative(amount);
        Duration remaining = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant from = latest(opening(day), start);
            Instant close = closing(day);
            if (from.isBefore(close)) {
                Duration available = Duration.between(from, close);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw noWorkingTimeFound(start);
    }

    /** The moment {@code amount} of working time before {@code end}, e.g. a reminder that falls in working hours. */
    public Instant minusWorkingTime(Instant end, Duration amount) {
        requireNotNegative(amount);
        Duration remaining = amount;
        LocalDate day = end.atZone(zone).toLocalDate();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.minusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = opening(day);
            Instant to = earliest(closing(day), end);
            if (open.isBefore(to)) {
                Duration available = Duration.between(open, to);
                if (remaining.compareTo(available) <= 0) {
                    return to.minus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw noWorkingTimeFound(end);
    }

    /**
     * The working time between two moments: what a paused clock owes back. Paused Friday 16:00 to Monday 10:00 on
     * Mon–Fri 09:00–17:00 is two hours; zero when {@code to} is not after {@code from}.
     */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Duration counted = Duration.ZERO;
        if (!to.isAfter(from)) {
            return counted;
        }
        for (LocalDate day = from.atZone(zone).toLocalDate(); !opening(day).isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                Instant start = latest(opening(day), from);
                Instant end = earliest(closing(day), to);
                if (start.isBefore(end)) {
                    counted = counted.plus(Duration.between(start, end));
                }
            }
        }
        return counted;
    }

    /** The same local time {@code days} working days later, counted from the next opening. */
    public Instant plusWorkingDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("Cannot count " + days + " working days");
        }
        ZonedDateTime from = nextOpening(start).atZone(zone);
        LocalDate day = from.toLocalDate();
        for (int counted = 0; counted < days; counted++) {
            day = nextWorkingDayAfter(day);
        }
        return ZonedDateTime.of(day, from.toLocalTime(), zone).toInstant();
    }

    /** {@code moment} itself while the team works, else the next time it opens. */
    public Instant nextOpening(Instant moment) {
        LocalDate day = moment.atZone(zone).toLocalDate();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.plusDays(1)) {
            if (isWorkingDay(day) && moment.isBefore(closing(day))) {
                return latest(opening(day), moment);
            }
        }
        throw noWorkingTimeFound(moment);
    }

    public boolean isOpen(Instant moment) {
        return nextOpening(moment).equals(moment);
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !closedDays.isClosed(day);
    }

    private LocalDate nextWorkingDayAfter(LocalDate day) {
        LocalDate next = day.plusDays(1);
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, next = next.plusDays(1)) {
            if (isWorkingDay(next)) {
                return next;
            }
        }
        throw new IllegalStateException("No working day within " + MAX_DAYS_SEARCHED + " days after " + day);
    }

    private Instant opening(LocalDate day) {
        return hours.opens().equals(LocalTime.MIDNIGHT) ? day.atStartOfDay(zone).toInstant()
                : day.atTime(hours.opens()).atZone(zone).toInstant();
    }

    private Instant closing(LocalDate day) {
        return hours.closesAtMidnight() ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : day.atTime(hours.closes()).atZone(zone).toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void requireNotNegative(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Cannot count a negative working time " + amount);
        }
    }

    private IllegalStateException noWorkingTimeFound(Instant from) {
        return new IllegalStateException("No working time within " + MAX_DAYS_SEARCHED + " days of " + from);
    }

    /**
     * Daily opening hours in local time, {@code 09:00-17:00}; {@code 24:00} closes at midnight, so
     * {@code 00:00-24:00} is all day.
     */
    public record WorkingHours(LocalTime opens, LocalTime closes) {

        public static final WorkingHours ALL_DAY = new WorkingHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        public WorkingHours {
            boolean closesAtMidnight = closes.equals(LocalTime.MIDNIGHT);
            if (!closesAtMidnight && !opens.isBefore(closes)) {
                throw new IllegalArgumentException("Working hours must open before they close, not " + opens + "-" + closes);
            }
        }

        public static WorkingHours parse(String text) {
            String[] times = text == null ? new String[0] : text.trim().split("\\s*-\\s*");
            if (times.length != 2) {
                throw new IllegalArgumentException("Working hours look like 09:00-17:00, not '" + text + "'");
            }
            try {
                LocalTime closes = times[1].equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(times[1]);
                return new WorkingHours(LocalTime.parse(times[0]), closes);
            } catch (DateTimeParseException notATime) {
                throw new IllegalArgumentException("Working hours look like 09:00-17:00, not '" + text + "'", notATime);
            }
        }

        /** Closing at {@code 24:00}, the end of the day. */
        public boolean closesAtMidnight() {
            return closes.equals(LocalTime.MIDNIGHT);
        }

        @Override
        public String toString() {
            return opens + "-" + (closesAtMidnight() ? "24:00" : closes.toString());
        }
    }

    /** A target split into working days (the date part) and working time (the time part). */
    private record Target(int workingDays, Duration workingTime) {

        static Target parse(String target) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("A deadline needs a duration, got none");
            }
            String text = target.trim().toUpperCase(Locale.ROOT);
            int time = text.indexOf('T');
            String datePart = time < 0 ? text : text.substring(0, time);
            String timePart = time < 0 ? "" : "P" + text.substring(time);
            try {
                Period days = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
                if (datePart.contains("W") || days.getYears() != 0 || days.getMonths() != 0) {
                    throw new IllegalArgumentException("Service-level targets count days, hours and minutes, not weeks, months or years: '"
                            + target + "'");
                }
                Duration workingTime = timePart.isEmpty() ? Duration.ZERO : Duration.parse(timePart);
                if (days.isNegative() || workingTime.isNegative() || (days.isZero() && workingTime.isZero())) {
                    throw new IllegalArgumentException("A service-level target must be a positive duration, not '" + target + "'");
                }
                return new Target(days.getDays(), workingTime);
            } catch (DateTimeParseException notADuration) {
                throw new IllegalArgumentException("'" + target + "' is not an ISO-8601 duration such as PT4H or P2D", notADuration);
            }
        }
    }
}
