package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send customer message": the model names the kind in the input parameter {@code messageKind}
 * (e.g. {@code acknowledgment}, {@code progressUpdate}); the message is recorded on the case.
 */
@Component("sendCustomerMessage")
public class SendCustomerMessageDelegate implements JavaDelegate {

    private final CustomerMessenger messenger;

    public SendCustomerMessageDelegate(CustomerMessenger messenger) {
        this.messenger = messenger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object kind = execution.getVariableLocal("messageKind");
        if (kind == null) {
            throw new IllegalStateException("Activity " + execution.getCurrentActivityId()
                    + " must name the message kind in its input parameter 'messageKind'");
        }
        messenger.send(MessageKind.fromModelName(kind.toString()), execution);
    }
}
