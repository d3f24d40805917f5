package com.followthrough.promise;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Record the callback made": the promise is kept if the call came by the promised time (a later call broke it, and
 * counts against the person who records it, who made the call), and a call a supervisor
 * handed over is no longer owed ({@link PromiseTakeover}). When it was made ({@code callbackMadeAt}) is what the case
 * header reads the callback's deadline by. A callback promised on a
 * last-chance call (the case is closed already, {@code caseClosedAlready}) cannot wait for the customer's answer: no
 * case is being worked on to ask from, so that outcome is refused before anything is recorded.
 */
@Component("fulfilPromise")
public class FulfilPromiseDelegate implements JavaDelegate {

    private final Promises promises;
    private final EngineClock clock;

    public FulfilPromiseDelegate(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if ("waitForCustomer".equals(execution.getVariable("callbackOutcome"))
                && Boolean.TRUE.equals(execution.getVariable("caseClosedAlready"))) {
            throw RefusedEntryException.naming("callbackOutcome", "the case is closed already, so it cannot wait"
                    + " for the customer's answer. Choose whether you reached the customer and whether it is solved;"
                    + " if they write back, a follow-up case is opened at once.");
        }
        Authentication caller = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Instant now = clock.now();
        promises.fulfil(((Number) execution.getVariable("promiseId")).longValue(), now,
                caller == null ? null : caller.getUserId(), execution.getActivityInstanceId());
        // The case header reads the callback done (late, after a broken promise), never overdue once it is made.
        CaseVariable.CALLBACK_MADE_AT.set(execution, Date.from(now));
        if (Boolean.TRUE.equals(CaseVariable.CALLBACK_HANDED_OVER.get(execution))) {
            // The call a supervisor handed over is made: "Handed-over call due" brings nobody in.
            CaseVariable.CALLBACK_HANDED_OVER.set(execution, false);
        }
    }
}
