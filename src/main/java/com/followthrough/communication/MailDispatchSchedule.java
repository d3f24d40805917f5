package com.followthrough.communication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link MailDispatcher} every {@code follow-through.mail.dispatcher.interval} when a mail server is
 * configured ({@code spring.mail.host}) and the dispatcher is enabled (the tests disable it and call it themselves).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = {"spring.mail.host", "follow-through.mail.dispatcher.enabled"})
class MailDispatchSchedule {

    private static final Logger log = LoggerFactory.getLogger(MailDispatchSchedule.class);

    private final MailDispatcher dispatcher;

    MailDispatchSchedule(MailDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(initialDelayString = "${follow-through.mail.dispatcher.interval:PT5S}",
            fixedDelayString = "${follow-through.mail.dispatcher.interval:PT5S}")
    void deliverDue() {
        try {
            dispatcher.deliverDue();
        } catch (RuntimeException failure) {
            log.error("The mail dispatcher failed; it tries again in the next round", failure);
        }
    }
}
