package com.followthrough.communication;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.followthrough.SettingChecks;

/**
 * Delivery of customer messages by mail ({@code follow-through.mail.*}). The mail server itself is Spring Boot's
 * {@code spring.mail.host/port/username/password}; without {@code spring.mail.host} no mail is sent.
 */
@ConfigurationProperties("follow-through.mail")
public record MailSettings(@DefaultValue("support@follow-through.example") String from,
                           @DefaultValue Retry retry,
                           @DefaultValue Dispatcher dispatcher) {

    public MailSettings {
        SettingChecks.notBlank("follow-through.mail.from", from);
    }

    /**
     * When the mail server does not take a message: wait {@code firstDelay}, then twice as long each time, never more
     * than {@code maxDelay}; after {@code maxAttempts} attempts the message is FAILED and a person is told.
     */
    public record Retry(@DefaultValue("PT30S") Duration firstDelay, @DefaultValue("PT30M") Duration maxDelay,
                        @DefaultValue("10") int maxAttempts) {

        public Retry {
            SettingChecks.atLeast("follow-through.mail.retry.max-attempts", maxAttempts, 1);
            SettingChecks.positive("follow-through.mail.retry.first-delay", firstDelay);
            SettingChecks.longerThan("follow-through.mail.retry.max-delay", maxDelay,
                    "follow-through.mail.retry.first-delay", firstDelay, true);
        }

        /** The wait after the given failed attempt (1 = the first): exponential backoff, capped. */
        public Duration delayAfter(int attempt) {
            Duration delay = firstDelay;
            for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /**
     * The dispatcher that delivers due messages every {@code interval}, up to {@code batchSize} a round. A message
     * still SENDING {@code sendingTimeout} after it was claimed belongs to a dispatcher that stopped between sending
     * and recording; it must outlast the longest send the SMTP timeouts allow ({@link SmtpTimeouts}, checked at the
     * start). {@code enabled: false} (the tests) leaves delivery to
     * whoever calls {@link MailDispatcher#deliverDue()}.
     */
    public record Dispatcher(@DefaultValue("true") boolean enabled, @DefaultValue("PT5S") Duration interval,
                             @DefaultValue("50") int batchSize, @DefaultValue("PT10M") Duration sendingTimeout) {

        public Dispatcher {
            SettingChecks.atLeast("follow-through.mail.dispatcher.batch-size", batchSize, 1);
            SettingChecks.positive("follow-through.mail.dispatcher.interval", interval);
            SettingChecks.positive("follow-through.mail.dispatcher.sending-timeout", sendingTimeout);
        }
    }
}
