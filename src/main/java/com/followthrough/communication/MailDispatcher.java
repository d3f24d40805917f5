package com.followthrough.communication;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.EngineClock;

/**
 * Delivers the outbox: the messages the engine recorded as PENDING, by SMTP, after the engine's transaction
 * committed. Runs every {@code follow-through.mail.dispatcher.interval} ({@link MailDispatchSchedule}), or when a
 * test calls {@link #deliverDue()}.
 *
 * <p><b>Never twice.</b> Each message is claimed first (PENDING → SENDING, a conditional UPDATE committed on its own,
 * so of two nodes only one gets it), then sent, then marked SENT in a second transaction. If the app stops between
 * send and mark, the message stays SENDING; a dispatcher that finds it still SENDING after the sending timeout does
 * not send it again but marks it DELIVERY_UNCERTAIN and tells a person ({@link DeliveryAlerts}), who checks and
 * resends it if needed ({@link #resend(long)}); the resend carries the same Message-ID, so it is recognisable. The
 * same holds for a send that failed in a way that does not prove the server refused the mail
 * ({@link DeliveryFailures}). A send the server provably did not take is retried with exponential backoff, and after
 * the last attempt the message is FAILED and a person is told.
 *
 * <p>A state that tells a person (an incident on the case, raised or resolved) touches the case, which the engine may
 * be changing at the same moment (a step completed, a timer fired): that clash is tried again
 * ({@link CaseSerializer}), so the state is recorded and the person told, never left SENDING by the clash.
 */
@Component
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final CustomerMessages messages;
    private final MailDelivery delivery;
    private final MailSettings settings;
    private final DeliveryAlerts alerts;
    private final CaseSerializer serializer;
    private final EngineClock clock;
    private final TransactionTemplate ownTransaction;

    @Autowired
    public MailDispatcher(CustomerMessages messages, MailDelivery delivery, MailSettings settings, DeliveryAlerts alerts,
                          CaseSerializer serializer, EngineClock clock, PlatformTransactionManager transactions) {
        this.messages = messages;
        this.delivery = delivery;
        this.settings = settings;
        this.alerts = alerts;
        this.serializer = serializer;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Delivers every message that is due now; returns how many the mail server accepted. */
    public int deliverDue() {
        if (!delivery.configured()) {
            return 0;
        }
        markInterruptedSends();
        int delivered = 0;
        Set<Long> tried = new HashSet<>();
        while (true) {
            List<CustomerMessage> due = inOwnTransaction(
                    () -> messages.dueForDelivery(clock.now(), settings.dispatcher().batchSize()));
            List<CustomerMessage> fresh = due.stream().filter(m -> tried.add(m.id())).toList();
            if (fresh.isEmpty()) {
                return delivered;
            }
            for (CustomerMessage message : fresh) {
                if (deliver(message)) {
                    delivered++;
                }
            }
        }
    }

    /**
     * A person decided a FAILED or DELIVERY_UNCERTAIN message goes out (again); the dispatcher sends it on its next
     * round. Returns false if the message is in another state.
     */
    public boolean resend(long messageId) {
        boolean queued = inOwnTransaction(() -> messages.resend(messageId, clock.now()));
        if (queued) {
            log.info("Message {} queued again for delivery by a person (same Message-ID {})", messageId,
                    CustomerMessage.messageId(messageId));
        }
        return queued;
    }

    /** SENDING for longer than the sending timeout: its dispatcher stopped between send and mark. */
    void markInterruptedSends() {
        Instant claimedBefore = clock.now().minus(settings.dispatcher().sendingTimeout());
        for (CustomerMessage message : inOwnTransaction(() -> messages.sendingSince(claimedBefore))) {
            onTheCase(message, () -> {
                if (messages.markUncertain(message.id(), "Sending was interrupted (the app stopped between sending "
                        + "and recording); the mail may have gone out. Not sent again automatically.")) {
                    alerts.raise(message, "delivery uncertain: sending was interrupted, the mail may have gone out");
                }
            });
        }
    }

    private boolean deliver(CustomerMessage message) {
        boolean claimed = inOwnTransaction(() -> messages.claim(message.id(), clock.now()));
        if (!claimed) {
            return false; // another dispatcher has it, or it is no longer due
        }
        int attempt = message.attempts() + 1;
        try {
            delivery.send(message);
        } catch (RuntimeException failure) {
            recordFailure(message, attempt, failure);
            return false;
        }
        try {
            onTheCase(message, () -> {
                if (messages.markSent(message.id(), clock.now())) {
                    alerts.clear(message.id());
                }
            });
        } catch (RuntimeException notRecorded) {
            // Sent, but not recorded: the message stays SENDING and becomes DELIVERY_UNCERTAIN, never sent twice.
            log.error("Message {} for case {} was sent but could not be marked as sent; it will be marked "
                    + "DELIVERY_UNCERTAIN", message.id(), message.caseReference(), notRecorded);
            return true;
        }
        log.info("Message {} ({}) for case {} delivered to {} (attempt {}, Message-ID {})", message.id(),
                message.kind().modelName(), message.caseReference(), message.recipient(), attempt, message.messageId());
        return true;
    }

    private void recordFailure(CustomerMessage message, int attempt, RuntimeException failure) {
        String error = DeliveryFailures.describe(failure);
        switch (DeliveryFailures.of(failure)) {
            case NOT_SENT -> {
                if (attempt >= settings.retry().maxAttempts()) {
                    onTheCase(message, () -> {
                        if (messages.markFailed(message.id(), error)) {
                            alerts.raise(message, "not delivered after " + attempt + " attempts: " + error);
                        }
                    });
                } else {
                    Instant next = clock.now().plus(settings.retry().delayAfter(attempt));
                    inOwnTransaction(() -> messages.markRetrying(message.id(), error, next));
                    log.warn("Message {} for case {} not delivered (attempt {} of {}), trying again at {}: {}",
                            message.id(), message.caseReference(), attempt, settings.retry().maxAttempts(), next, error);
                }
            }
            case CANNOT_BE_SENT -> onTheCase(message, () -> {
                if (messages.markFailed(message.id(), error)) {
                    alerts.raise(message, "cannot be sent: " + error);
                }
            });
            case UNCERTAIN -> onTheCase(message, () -> {
                if (messages.markUncertain(message.id(), error)) {
                    alerts.raise(message, "delivery uncertain, not sent again automatically: " + error);
                }
            });
        }
    }

    /** In a transaction of its own that may touch the message's case; tried again if it clashes with the engine. */
    private void onTheCase(CustomerMessage message, Runnable work) {
        serializer.run(message.caseReference(), () -> inOwnTransaction(() -> {
            work.run();
            return null;
        }));
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }
}
