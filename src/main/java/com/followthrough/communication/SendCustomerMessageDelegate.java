package com.followthrough.communication;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.followthrough.servicelevel.ProgressUpdates;

/**
 * "Send customer message": the model names the kind in the input parameter {@code messageKind}
 * (e.g. {@code acknowledgment}, {@code progressUpdate}); the message is recorded on the case, after the
 * {@link MessagePreparation} of its kind, if any. A progress update is sent only if it is still due when the step runs
 * ({@link ProgressUpdates#dueNow(org.camunda.bpm.engine.delegate.VariableScope)}): the step waits for the job executor
 * after the check that found it due, outside the wait the last answer ends, and that answer may have gone out between.
 * Then the step sends nothing and records {@code progressUpdateDue} false, so the flow after it ("Update sent?") ends
 * as "Customer heard from us meanwhile" instead of "Customer updated", and reminds nobody.
 */
@Component("sendCustomerMessage")
public class SendCustomerMessageDelegate implements JavaDelegate {

    /** The input parameter that names the kind: a constant of the model, local to the send task. */
    public static final String MESSAGE_KIND = "messageKind";

    private static final Logger log = LoggerFactory.getLogger(SendCustomerMessageDelegate.class);

    private final CustomerMessenger messenger;
    private final List<MessagePreparation> preparations;
    private final ProgressUpdates progressUpdates;

    public SendCustomerMessageDelegate(CustomerMessenger messenger, List<MessagePreparation> preparations,
                                       ProgressUpdates progressUpdates) {
        this.messenger = messenger;
        this.preparations = preparations;
        this.progressUpdates = progressUpdates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object kind = execution.getVariableLocal("messageKind");
        if (kind == null) {
            throw new IllegalStateException("Activity " + execution.getCurrentActivityId()
                    + " must name the message kind in its input parameter '" + MESSAGE_KIND + "'");
        }
        MessageKind messageKind = MessageKind.fromModelName(kind.toString());
        if (messageKind == MessageKind.PROGRESS_UPDATE && !progressUpdates.dueNow(execution)) {
            log.info("Case {}: the progress update of {} is no longer due, none sent", execution.getProcessBusinessKey(),
                    execution.getCurrentActivityId());
            execution.setVariable(CheckLastCustomerContactDelegate.PROGRESS_UPDATE_DUE, false);
            return;
        }
        preparations.stream().filter(preparation -> preparation.kind() == messageKind)
                .forEach(preparation -> preparation.prepare(execution));
        messenger.send(messageKind, execution);
    }
}
