package com.followthrough.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ApiProblem.FieldError;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;

/**
 * Which cases an insight counts: opened from {@code from} to {@code to} (dates in the support time zone, both
 * inclusive), optionally of one plan, language and SupportCase definition version. A {@code from} of {@code null}
 * (only for the case list) means since the first case.
 */
public record InsightsFilter(LocalDate from, LocalDate to, String plan, String language, Integer processVersion) {

    static final int DEFAULT_DAYS = 30;
    /** Dates a period can name: every case's, with room for the default period before and the day after. */
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 30);

    /** The filter from the query parameters, or 400 naming every parameter at fault. */
    static InsightsFilter parse(String from, String to, String plan, String language, String processVersion,
                                LocalDate today) {
        return parse(from, to, plan, language, processVersion, today, true);
    }

    /**
     * The filter of a list of cases: without {@code from}, since the first case (the list is paged, and a case
     * list that leaves out older cases, such as the demo history's, would not add up with the cases closed).
     */
    static InsightsFilter parseForCaseList(String from, String to, String plan, String language, String processVersion,
                                           LocalDate today) {
        return parse(from, to, plan, language, processVersion, today, false);
    }

    private static InsightsFilter parse(String from, String to, String plan, String language, String processVersion,
                                        LocalDate today, boolean lastDaysByDefault) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate toDate = date("to", to, today, errors);
        LocalDate defaultFrom = !lastDaysByDefault ? null
                : toDate == null ? today.minusDays(DEFAULT_DAYS) : toDate.minusDays(DEFAULT_DAYS);
        LocalDate fromDate = date("from", from, defaultFrom, errors);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            errors.add(new FieldError("from", "must not be after to (" + toDate + ")"));
        }
        String planValue = oneOf("plan", plan, Plan.IDS, errors);
        String languageValue = oneOf("language", language, Language.IDS, errors);
        Integer version = null;
        if (processVersion != null) {
            try {
                version = Integer.valueOf(processVersion);
                if (version < 1) {
                    errors.add(new FieldError("processVersion", "must be a process definition version, 1 or more"));
                }
            } catch (NumberFormatException notANumber) {
                errors.add(new FieldError("processVersion", "must be a whole number (a SupportCase definition version)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new InsightsFilter(fromDate, toDate, planValue, languageValue, version);
    }

    /** The start of {@code from}, or {@code null} for since the first case. */
    Instant openedFrom(ZoneId zone) {
        return from == null ? null : from.atStartOfDay(zone).toInstant();
    }

    Instant openedBefore(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String name, String value, LocalDate otherwise, List<FieldError> errors) {
        if (value == null) {
            return otherwise;
        }
        if (leftEmpty(name, value, errors)) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            errors.add(new FieldError(name, "must be a date like 2026-11-23 (yyyy-MM-dd)"));
            return null;
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            errors.add(new FieldError(name, "must be a date from " + EARLIEST + " to " + LATEST + ", not " + value));
            return null;
        }
        return date;
    }

    private static String oneOf(String name, String value, Set<String> allowed, List<FieldError> errors) {
        if (value == null || leftEmpty(name, value, errors)) {
            return null;
        }
        FieldChecks.notOneOf(value, allowed).ifPresent(message -> errors.add(new FieldError(name, message)));
        return value;
    }

    /**
     * Whether a parameter is given but empty or only spaces ({@code plan=%20}): refused naming it, as elsewhere in the
     * API, where it was taken as left out and the insights counted every plan, language or day.
     */
    private static boolean leftEmpty(String name, String value, List<FieldError> errors) {
        if (!value.isBlank()) {
            return false;
        }
        errors.add(new FieldError(name, "is empty: give a value, or leave the parameter out"));
        return true;
    }
}
