package com.followthrough.reimbursement;

import org.springframework.stereotype.Component;

/**
 * The money behind a reimbursement decision's amount rule. The only amount we ever offer is a cost the customer bore:
 * a reimbursement, never a discount. Our fault: the documented cost. A missed guarantee or a broken promise: the cost
 * the miss caused, never more than the documented cost. Used from the model as
 * {@code ${reimbursements.amount(amountRule, customerCost, costOfTheMiss)}}.
 * <p>
 * "Resolve the problem" refuses a cost of the miss above the documented cost ({@link ResolutionCostsListener}), so
 * today's model never reaches the cap. It stays for cases on an earlier version of the model, whose Resolve has no
 * such check: a case resolved there with a larger cost of the miss is still offered no more than the documented cost.
 * <p>
 * A case resolved again after a reopening documents the whole cost again, which may have grown while the problem
 * persisted. The decision then reads each cost less what earlier resolutions decided ({@link #notYetDecided}), so it
 * decides only the difference, by the same rules and with the same authority for its amount, and never the same money
 * twice; what it decides is added to {@code reimbursementAmountDecided} ({@link #decidedSoFar}).
 */
@Component("reimbursements")
public class ReimbursementAmounts {

    private static final String NONE = "none";

    public double amount(String amountRule, Object customerCost, Object costOfTheMiss) {
        double documented = nonNegative(customerCost);
        return switch (amountRule) {
            case "none" -> 0.0;
            case "documentedCost" -> documented;
            case "costOfTheMiss" -> Math.min(nonNegative(costOfTheMiss), documented);
            default -> throw new IllegalArgumentException("Unknown amount rule '" + amountRule + "'");
        };
    }

    /**
     * A cost the decision reads, less what earlier resolutions of the case decided: 0 when they decided as much or
     * more, none when no cost was recorded (the decision reads none as 0).
     */
    public Double notYetDecided(Object cost, Object decidedBefore) {
        return cost instanceof Number ? Math.max(0.0, nonNegative(cost) - nonNegative(decidedBefore)) : null;
    }

    /** What the case's resolutions have decided in all: the earlier ones and this one's amount. */
    public double decidedSoFar(Object decidedBefore, double amount) {
        return nonNegative(decidedBefore) + amount;
    }

    /**
     * The reimbursement kind the case keeps after a decision: what it decided, unless it owed nothing ({@code none})
     * and an earlier resolution owed something; then the earlier kind, which the customer read and may have been paid.
     */
    public Object kindKept(String decided, Object earlier) {
        return NONE.equals(decided) && earlier instanceof String kind && !kind.isBlank() && !NONE.equals(kind)
                ? kind : decided;
    }

    /**
     * The amount the case keeps after a decision ({@code reimbursementAmount}): what it decided, unless it owed nothing
     * and an earlier resolution decided an amount; then that amount, so the case file, the feedback and the insights
     * still show what the customer was offered.
     */
    public Object amountKept(String decidedKind, double decided, Object earlier) {
        return NONE.equals(decidedKind) && earlier instanceof Number amount && amount.doubleValue() > 0
                ? amount : decided;
    }

    /**
     * An earlier approval's outcome ({@code approvalDecision}, {@code approvalDecidedBy}) after a decision: kept when
     * it owed nothing (the case still shows the amount that approval was about), none when it owed an amount of its
     * own, which no approval has decided yet ("Approve the reimbursement" records one if the amount needs it).
     */
    public Object approvalKept(String decidedKind, Object earlier) {
        return NONE.equals(decidedKind) ? earlier : null;
    }

    /**
     * What the customer has been offered in all ({@code reimbursementAmountOffered}), when "Offer the reimbursement"
     * sends the offer of {@code amount}: the earlier offers and this one.
     */
    public double offeredSoFar(Object offeredBefore, Object amount) {
        return nonNegative(offeredBefore) + nonNegative(amount);
    }

    private static double nonNegative(Object cost) {
        return cost instanceof Number number ? Math.max(0.0, number.doubleValue()) : 0.0;
    }
}
