package com.followthrough.insights;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Map;
import java.util.function.Function;

import com.followthrough.FieldChecks;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Where a case variable the insights keep goes in {@code ft_case_fact}: its column, and how the value the engine
 * stores (text, long or double, as in {@code ACT_HI_VARINST}) is written there. A moment also gives the minutes since
 * the case opened ({@code minutesColumn}). One table for the history event handler ({@link CaseFactRecorder}) and
 * for the rebuild from the engine's history ({@link CaseFactsFromHistory}), so both read a case alike.
 */
record CaseFactColumn(String column, String minutesColumn, Function<Stored, Object> value) {

    /** A variable's value as the engine stores it. */
    record Stored(String text, Long longValue, Double doubleValue) {
    }

    /**
     * What the customer was offered in all, over the case's resolutions ("Offer the reimbursement" adds each amount):
     * the case's {@code reimbursement_amount}, which the insights sum as the amount offered.
     */
    static final String AMOUNT_OFFERED = "reimbursementAmountOffered";
    /**
     * The amount the last decision owed: {@code reimbursement_amount} only while the case has no
     * {@link #AMOUNT_OFFERED} (a case offered on a model from before it was offered this amount, once); after it, a
     * later decision (a difference not yet offered, one declined, one that owed nothing) leaves the amount offered
     * alone.
     */
    static final String AMOUNT_DECIDED = "reimbursementAmount";

    static final Map<String, CaseFactColumn> BY_VARIABLE = Map.ofEntries(
            Map.entry(CaseVariable.CASE_REFERENCE.name(), of("case_reference", Stored::text)),
            Map.entry(CaseVariable.CUSTOMER_NAME.name(), text("customer_name", 200)),
            Map.entry(CaseVariable.PLAN.name(), text("plan", 16)),
            Map.entry(CaseVariable.LANGUAGE.name(), text("language", 8)),
            Map.entry(CaseVariable.OWNER.name(), text("owner", 64)),
            Map.entry("approvalDecision", text("reimbursement_approval", 16)),
            Map.entry(CaseVariable.FIRST_RESPONDED_AT.name(), moment("first_responded_at", "first_response_minutes")),
            Map.entry(CaseVariable.RESOLVED_AT.name(), moment("resolved_at", "resolution_minutes")),
            Map.entry("firstResolvedAt", moment("first_resolved_at", "first_resolution_minutes")),
            Map.entry("pausedMinutes", of("paused_minutes", v -> v.longValue() == null ? 0L : v.longValue())),
            Map.entry(CaseVariable.FIRST_RESPONSE_DUE_AT.name(), of("first_response_due_at",
                    v -> v.longValue() == null ? null : new Timestamp(v.longValue()))),
            Map.entry("discountRequested", of("discount_requested",
                    v -> v.longValue() != null && v.longValue() == 1L)),
            Map.entry(AMOUNT_OFFERED, amount()),
            Map.entry(AMOUNT_DECIDED, amount()));

    private static CaseFactColumn amount() {
        return of("reimbursement_amount", v -> v.doubleValue() == null ? null : BigDecimal.valueOf(v.doubleValue()));
    }

    boolean isMoment() {
        return minutesColumn != null;
    }

    private static CaseFactColumn of(String column, Function<Stored, Object> value) {
        return new CaseFactColumn(column, null, value);
    }

    private static CaseFactColumn text(String column, int length) {
        return of(column, v -> v.text() == null ? null : FieldChecks.clipped(v.text(), length));
    }

    /** The moment as epoch milliseconds (how a date is stored), written with the minutes since the case opened. */
    private static CaseFactColumn moment(String column, String minutesColumn) {
        return new CaseFactColumn(column, minutesColumn, Stored::longValue);
    }
}
