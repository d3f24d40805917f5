package com.followthrough.communication;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.followthrough.EngineClock;
import com.followthrough.communication.CustomerMessage.Direction;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Writes messages to the customer onto the case, in the engine's transaction: the transactional outbox. With a mail
 * server configured the message is PENDING and the {@link MailDispatcher} delivers it once the step has committed
 * (a rolled-back step sends nothing). Without one it is marked as not delivered and logged in full, where a person
 * can read it. Either way the log line comes once the step has committed, so a rolled-back step logs nothing.
 */
@Service
public class CustomerMessenger {

    private static final Logger log = LoggerFactory.getLogger(CustomerMessenger.class);

    private final MessageComposer composer;
    private final CustomerMessages messages;
    private final MailDelivery delivery;
    private final EngineClock clock;

    public CustomerMessenger(MessageComposer composer, CustomerMessages messages, MailDelivery delivery,
                             EngineClock clock) {
        this.composer = composer;
        this.messages = messages;
        this.delivery = delivery;
        this.clock = clock;
    }

    public long send(MessageKind kind, DelegateExecution execution) {
        return record(kind, composer.compose(kind, execution), execution).id();
    }

    /** Records a message already composed, for a step that composes it apart (see {@link AcknowledgeCustomerDelegate}). */
    CustomerMessage record(MessageKind kind, MessageComposer.Composed message, DelegateExecution execution) {
        String reference = CaseVariable.CASE_REFERENCE.get(execution);
        String recipient = CaseVariable.CUSTOMER_EMAIL.get(execution);
        String language = CaseVariable.LANGUAGE.get(execution);
        String status = delivery.configured() ? CustomerMessage.PENDING : CustomerMessage.NOT_DELIVERED_NO_MAIL_SERVER;
        Instant createdAt = clock.now();
        String step = execution.getActivityInstanceId();
        long id = messages.record(reference, execution.getProcessInstanceId(), step, Direction.OUTBOUND, kind,
                "email", language, recipient, message.subject(), message.body(), createdAt, status);
        onceCommitted(() -> {
            if (delivery.configured()) {
                log.info("Message {} ({}) for case {} to {} queued for delivery by mail: {}", id, kind.modelName(),
                        reference, recipient, message.subject());
            } else {
                log.info("Message {} ({}) for case {} to {} (not delivered: no mail server configured)"
                        + "\nSubject: {}\n{}", id, kind.modelName(), reference, recipient, message.subject(),
                        message.body());
            }
        });
        return new CustomerMessage(id, reference, execution.getProcessInstanceId(), Direction.OUTBOUND, kind, "email",
                language, recipient, message.subject(), message.body(), createdAt, status, 0,
                CustomerMessage.PENDING.equals(status) ? createdAt : null, null, null, step);
    }

    /**
     * Logs once the step's transaction has committed. A step the job executor runs twice at once (it took the job
     * again while the first run still went on) records the message in both runs, and the run that commits second
     * fails on the job's revision and is rolled back, message and all: logged at once, its message would read as a
     * second one sent to the customer, where the log is all a person has of it (no mail server).
     */
    private static void onceCommitted(Runnable logging) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            logging.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                logging.run();
            }
        });
    }
}
