package com.followthrough.reimbursement;

import org.springframework.stereotype.Component;

/**
 * The money behind a reimbursement decision's amount rule. The only amount we ever offer is the documented
 * cost the customer bore: a reimbursement, never a discount. Used from the model as
 * {@code ${reimbursements.amount(amountRule, customerCost)}}.
 */
@Component("reimbursements")
public class ReimbursementAmounts {

    public double amount(String amountRule, Object customerCost) {
        return switch (amountRule) {
            case "none" -> 0.0;
            case "documentedCost" -> customerCost instanceof Number cost ? Math.max(0.0, cost.doubleValue()) : 0.0;
            default -> throw new IllegalArgumentException("Unknown amount rule '" + amountRule + "'");
        };
    }
}
