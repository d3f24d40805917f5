package com.followthrough.communication;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send customer message": the model names the kind in the input parameter {@code messageKind}
 * (e.g. {@code acknowledgment}, {@code progressUpdate}); the message is recorded on the case, after the
 * {@link MessagePreparation} of its kind, if any.
 */
@Component("sendCustomerMessage")
public class SendCustomerMessageDelegate implements JavaDelegate {

    /** The input parameter that names the kind: a constant of the model, local to the send task. */
    public static final String MESSAGE_KIND = "messageKind";

    private final CustomerMessenger messenger;
    private final List<MessagePreparation> preparations;

    public SendCustomerMessageDelegate(CustomerMessenger messenger, List<MessagePreparation> preparations) {
        this.messenger = messenger;
        this.preparations = preparations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object kind = execution.getVariableLocal("messageKind");
        if (kind == null) {
            throw new IllegalStateException("Activity " + execution.getCurrentActivityId()
                    + " must name the message kind in its input parameter '" + MESSAGE_KIND + "'");
        }
        MessageKind messageKind = MessageKind.fromModelName(kind.toString());
        preparations.stream().filter(preparation -> preparation.kind() == messageKind)
                .forEach(preparation -> preparation.prepare(execution));
        messenger.send(messageKind, execution);
    }
}
