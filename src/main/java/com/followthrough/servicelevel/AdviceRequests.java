package com.followthrough.servicelevel;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Which bringing-in of a specialist a "Customer awaits the owner" keeps the date of. Each bringing-in is counted
 * ({@value #REQUESTS}, "Tell the customer a specialist advises the owner"), and each "Customer awaits the owner"
 * notes, as it starts, the one whose advice is in ({@value #ADVICE_OF}, local to it). Brought in again after a
 * callback that did not solve it, outside the team's hours, the next specialist is given the same date as the first
 * (the next opening plus one update interval): the first advice's timer then fires at the date the customer was told
 * for the second, and finds that it is not its own.
 */
@Component("adviceRequests")
public class AdviceRequests implements ExecutionListener {

    /** How many times a specialist was brought in on the case. */
    public static final String REQUESTS = "specialistRequests";
    /** The bringing-in whose advice a "Customer awaits the owner" keeps the date of. */
    public static final String ADVICE_OF = "adviceOfRequest";

    private final EngineClock clock;

    public AdviceRequests(EngineClock clock) {
        this.clock = clock;
    }

    /** The count after this bringing-in: {@code <camunda:outputParameter name="specialistRequests">}. */
    public int next(VariableScope supportCase) {
        return supportCase.getVariable(REQUESTS) instanceof Number count ? count.intValue() + 1 : 1;
    }

    /** "Customer awaits the owner" starts: it keeps the date of the bringing-in counted last. */
    @Override
    public void notify(DelegateExecution customerAwaitsOwner) {
        customerAwaitsOwner.setVariableLocal(ADVICE_OF, customerAwaitsOwner.getVariable(REQUESTS));
    }

    /**
     * Whether a specialist was brought in again since the advice this "Customer awaits the owner" keeps the date of:
     * the date the customer was told now is the next advice's to keep. One that started before bringings-in were
     * counted judges by the date: still ahead, it is the next one's.
     */
    public boolean broughtInAgain(VariableScope customerAwaitsOwner) {
        if (customerAwaitsOwner.getVariable(ADVICE_OF) instanceof Number own
                && customerAwaitsOwner.getVariable(REQUESTS) instanceof Number latest) {
            return latest.intValue() != own.intValue();
        }
        Date told = CaseVariable.SPECIALIST_ADVICE_DUE_AT.get(customerAwaitsOwner);
        return told != null && told.after(clock.nowAsDate());
    }
}
