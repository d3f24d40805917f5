package com.followthrough.reimbursement;

import java.math.BigDecimal;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.RefusedEntryException;

/**
 * "Resolve the problem": the cost a missed guarantee or broken promise caused ({@code costOfTheMiss}) is part of what
 * the problem cost the customer ({@code customerCost}), so more than that is a slip in one of the two amounts. It is
 * refused on complete, naming {@code costOfTheMiss}, so the task stays open and nothing changes: a reimbursement
 * offered on a quietly cut amount would rest on a figure nobody entered. None counts as 0, as every reader takes it; a
 * value that is not a finite number, or below 0, is the form check's to refuse ({@code formcheck.SubmissionCheck},
 * which runs after this listener): this check then says nothing, so the refusal names the field that is wrong.
 */
@Component("resolutionCosts")
public class ResolutionCostsListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Optional<BigDecimal> documented = amount(task.getVariable("customerCost"));
        Optional<BigDecimal> ofTheMiss = amount(task.getVariable("costOfTheMiss"));
        if (documented.isPresent() && ofTheMiss.isPresent() && ofTheMiss.get().compareTo(documented.get()) > 0) {
            throw RefusedEntryException.naming("costOfTheMiss", "the cost our delay or broken promise caused ("
                    + ReimbursementAuthority.euros(ofTheMiss.get()) + " EUR) is part of what the problem cost the"
                    + " customer (customerCost, " + ReimbursementAuthority.euros(documented.get())
                    + " EUR), so it cannot be more. Correct whichever of the two is wrong.");
        }
    }

    private static Optional<BigDecimal> amount(Object value) {
        if (value == null) {
            return Optional.of(BigDecimal.ZERO);
        }
        if (!(value instanceof Number number)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(number.toString())).filter(amount -> amount.signum() >= 0);
        } catch (NumberFormatException notFinite) {
            return Optional.empty();
        }
    }
}
