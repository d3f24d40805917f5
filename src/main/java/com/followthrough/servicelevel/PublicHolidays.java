package com.followthrough.servicelevel;

import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * The public holidays of a country (ISO 3166 code, {@code DE}) and optionally one of its regions (Jollyday's
 * hierarchy code, {@code BE} for Berlin, {@code BY} for Bavaria), for any year, plus extra days the team closes (a
 * company holiday). Jollyday knows the rules (Easter-based holidays, holidays that start or end in a given year), so
 * the calendar never runs out. The holidays of a year are worked out once and kept.
 * <p>
 * Jollyday reads its rules with JAXB, about half a second of CPU in a fresh JVM (issue 16: a fifth of what our start
 * costs over the stock starter). The country is checked against Jollyday's list of calendars, which needs no rules, so a
 * bad country still stops the start; the rules are read when a region must be checked, else on first use
 * ({@link HolidayRulesWarmUp} does that right after the start).
 */
public final class PublicHolidays implements ClosedDays {

    private final String country;
    private final String region;
    private final Set<LocalDate> extraClosedDays;
    private final Object loading = new Object();
    private volatile HolidayManager holidays;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException for a country Jollyday does not know, or a region that country does not have
     */
    public PublicHolidays(String country, String region, Set<LocalDate> extraClosedDays) {
        if (country == null || country.isBlank()) {
            throw new IllegalArgumentException("country is required for public holidays, e.g. DE");
        }
        this.country = country.trim().toUpperCase(Locale.ROOT);
        this.extraClosedDays = extraClosedDays == null ? Set.of() : Set.copyOf(extraClosedDays);
        // HolidayManager.getSupportedCalendarCodes() answers the same, but only after HolidayManager's set-up (service
        // loading, configuration providers: 0.13 s of CPU and 370 classes in a fresh JVM), which waits for first use.
        if (!HolidayCalendar.getSupportedCalendarCodes().contains(this.country)) {
            throw new IllegalArgumentException("country '" + country.trim()
                    + "' has no public holiday calendar: use an ISO 3166 code such as DE, AT or CH");
        }
        if (region == null || region.isBlank()) {
            this.region = null;
            return;
        }
        Set<String> regions = holidays().getCalendarHierarchy().getChildren().keySet();
        this.region = regions.stream()
                .filter(code -> code.equalsIgnoreCase(region.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("region '" + region.trim() + "' is not a region of "
                        + this.country + "; known are " + regions.stream().map(code -> code.toUpperCase(Locale.ROOT))
                                .sorted().toList()));
    }

    @Override
    public boolean isClosed(LocalDate day) {
        return extraClosedDays.contains(day) || byYear.computeIfAbsent(day.getYear(), this::publicHolidaysIn).contains(day);
    }

    /** The public holidays of that year, for showing a calendar. */
    public Set<LocalDate> publicHolidaysIn(int year) {
        String[] where = region == null ? new String[0] : new String[] {region};
        Set<LocalDate> dates = new HashSet<>();
        for (Holiday holiday : holidays().getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, where)) {
            dates.add(holiday.getActualDate());
        }
        return Set.copyOf(dates);
    }

    /** Whether Jollyday's rules have been read yet (they cost the start half a second of CPU when read at once). */
    boolean rulesRead() {
        return holidays != null;
    }

    private HolidayManager holidays() {
        HolidayManager loaded = holidays;
        if (loaded == null) {
            synchronized (loading) {
                loaded = holidays;
                if (loaded == null) {
                    loaded = HolidayManager.getInstance(ManagerParameters.create(country));
                    holidays = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public String toString() {
        return "public holidays of " + country
                + (region == null ? "" : "-" + region.toUpperCase(Locale.ROOT))
                + (extraClosedDays.isEmpty() ? "" : " and " + extraClosedDays.size() + " extra closed days");
    }
}
