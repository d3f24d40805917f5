package com.followthrough.communication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

/**
 * A message still SENDING {@code follow-through.mail.dispatcher.sending-timeout} after its claim is taken for one
 * whose dispatcher stopped: it becomes DELIVERY_UNCERTAIN, a supervisor is alerted and may send it again. A dispatcher
 * still waiting on a slow mail server must not be overtaken like that, or the customer may get the mail twice; so
 * the timeout must outlast the longest a send may take with the SMTP timeouts, and those must be set at all (without
 * them a silent server holds the dispatcher forever). The app does not start otherwise, and says which setting.
 */
class SendingTimeoutTest {

    @Import({MailConfiguration.class, MailDelivery.class})
    static class Mail {
    }

    /** The shipped application.yaml, with a mail server as production has one. */
    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(Mail.class)
            .withPropertyValues("spring.mail.host=smtp.acme.de");

    @Test
    void theShippedTimeoutsLeaveASlowSendTimeToFinish() {
        app.run(context -> assertThat(context).hasNotFailed().hasSingleBean(MailDelivery.class));
    }

    @Test
    void aSendingTimeoutShorterThanASlowSendStopsTheStart() {
        app.withPropertyValues("follow-through.mail.dispatcher.sending-timeout=PT1M").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("follow-through.mail.dispatcher.sending-timeout")
                    .hasMessageContaining("mail.smtp.timeout");
        });
    }

    @Test
    void anSmtpReadTimeoutTooLongForTheSendingTimeoutStopsTheStart() {
        app.withPropertyValues("spring.mail.properties[mail.smtp.timeout]=300000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("follow-through.mail.dispatcher.sending-timeout");
        });
    }

    @Test
    void anSmtpTimeoutOfZeroWaitsForeverAndStopsTheStart() {
        app.withPropertyValues("spring.mail.properties[mail.smtp.writetimeout]=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("mail.smtp.writetimeout");
        });
    }

    @Test
    void withoutAMailServerNothingIsSentAndNothingIsChecked() {
        new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(Mail.class)
                .withPropertyValues("follow-through.mail.dispatcher.sending-timeout=PT1S")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
