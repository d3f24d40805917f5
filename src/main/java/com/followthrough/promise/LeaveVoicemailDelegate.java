package com.followthrough.promise;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.communication.CustomerMessenger;
import com.followthrough.communication.MessageKind;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Leave a voicemail": the customer was not reached, so they get the reference and the number to call, and we count
 * the attempt. What the voicemail states is backed before it is sent: with another attempt left, "we will try again by
 * X" is a new promise in the ledger ({@code ft_promise}, made by whoever calls), due one retry wait to wait and one to
 * call, with the timer on "Call the customer again"; after the last attempt, a supervisor decides by one retry wait
 * ({@code unreachableDecisionDueAt}, due date and timer of "Decide: the customer could not be reached").
 */
@Component("leaveVoicemail")
public class LeaveVoicemailDelegate implements JavaDelegate {

    static final String RETRY_ACTIONS = "Call again after the voicemail";

    private final CustomerMessenger messenger;
    private final SupportProperties properties;
    private final Promises promises;
    private final EngineClock clock;

    public LeaveVoicemailDelegate(CustomerMessenger messenger, SupportProperties properties, Promises promises,
                                  EngineClock clock) {
        this.messenger = messenger;
        this.properties = properties;
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object previous = execution.getVariable("callbackAttempts");
        int attempts = (previous == null ? 0 : ((Number) previous).intValue()) + 1;
        boolean anotherAttempt = attempts < properties.callback().maxAttempts();
        execution.setVariable("callbackAttempts", attempts);
        execution.setVariable("anotherAttemptAllowed", anotherAttempt);
        Instant now = clock.now();
        Duration retryWait = properties.callback().retryWait();
        if (anotherAttempt) {
            // The next call comes after one retry wait (Event_RetryWaitOver) and is due one retry wait later.
            Instant nextCallDue = now.plus(retryWait).plus(retryWait);
            long id = promises.make(CaseVariable.CASE_REFERENCE.text(execution), execution.getProcessInstanceId(),
                    CaseVariable.OWNER.text(execution), now, nextCallDue, RETRY_ACTIONS,
                    CaseVariable.CALLBACK_NUMBER.text(execution));
            execution.setVariable("promiseId", id);
            CaseVariable.CALLBACK_DUE_AT.set(execution, Date.from(nextCallDue));
        } else {
            execution.setVariable("unreachableDecisionDueAt", Date.from(now.plus(retryWait)));
        }
        // After counting and recording: the voicemail states the time that is now backed.
        messenger.send(MessageKind.VOICEMAIL, execution);
        // The next attempt starts from a blank callback form, not from this attempt's "not reached".
        execution.removeVariable("callbackOutcome");
        execution.removeVariable("callbackNotes");
    }
}
