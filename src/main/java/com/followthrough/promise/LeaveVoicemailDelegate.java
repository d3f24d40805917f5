package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.SupportProperties;
import com.followthrough.communication.CustomerMessenger;
import com.followthrough.communication.MessageKind;

/**
 * "Leave a voicemail": the customer was not reached, so they get the reference and the number to call,
 * and we count the attempt; after the last allowed attempt a supervisor decides whether calling goes on.
 */
@Component("leaveVoicemail")
public class LeaveVoicemailDelegate implements JavaDelegate {

    private final CustomerMessenger messenger;
    private final SupportProperties properties;

    public LeaveVoicemailDelegate(CustomerMessenger messenger, SupportProperties properties) {
        this.messenger = messenger;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object previous = execution.getVariable("callbackAttempts");
        int attempts = (previous == null ? 0 : ((Number) previous).intValue()) + 1;
        execution.setVariable("callbackAttempts", attempts);
        execution.setVariable("anotherAttemptAllowed", attempts < properties.callback().maxAttempts());
        // After counting: the voicemail note says when we try again, or that the owner will agree a new time.
        messenger.send(MessageKind.VOICEMAIL, execution);
        // The next attempt starts from a blank callback form, not from this attempt's "not reached".
        execution.removeVariable("callbackOutcome");
        execution.removeVariable("callbackNotes");
    }
}
