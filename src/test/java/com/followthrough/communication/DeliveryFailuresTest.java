package com.followthrough.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

import com.followthrough.communication.DeliveryFailures.Outcome;

import jakarta.mail.MessagingException;

/** Which failed sends may be retried (the server provably did not take the mail) and which must not. */
class DeliveryFailuresTest {

    @Test
    void serverNotReachedOrRefusingIsRetried() {
        var refused = new MailSendException("Mail server connection failed",
                new MailConnectException(new SocketConnectException("Couldn't connect", new ConnectException("refused"), "localhost", 25, 10000)));
        assertThat(DeliveryFailures.of(refused)).isEqualTo(Outcome.NOT_SENT);
        assertThat(DeliveryFailures.of(new MailAuthenticationException("535 bad credentials"))).isEqualTo(Outcome.NOT_SENT);
        var rejectedAfterData = new MailSendException(Map.of(new Object(),
                new SMTPSendFailedException("DATA", 451, "451 try again later", null, null, null, null)));
        assertThat(DeliveryFailures.of(rejectedAfterData)).isEqualTo(Outcome.NOT_SENT);
    }

    @Test
    void aSendThatBrokeOffMayHaveGoneOutAndIsNotRetried() {
        var brokeOff = new MailSendException(Map.of(new Object(),
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))));
        assertThat(DeliveryFailures.of(brokeOff)).isEqualTo(Outcome.UNCERTAIN);
        assertThat(DeliveryFailures.of(new IllegalStateException("unexpected"))).isEqualTo(Outcome.UNCERTAIN);
        // Without the stage-tracking transport (smtps): the content was sent and the server hung up before answering.
        var noAnswerToTheContent = new MailSendException(Map.of(new Object(),
                new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null)));
        assertThat(DeliveryFailures.of(noAnswerToTheContent)).isEqualTo(Outcome.UNCERTAIN);
        assertThat(DeliveryFailures.describe(brokeOff)).contains("Exception reading response", "Read timed out");
    }

    @Test
    void aMailThatCannotBeWrittenFailsAtOnce() {
        assertThat(DeliveryFailures.of(new MailPreparationException("bad address"))).isEqualTo(Outcome.CANNOT_BE_SENT);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheMaximum() {
        var retry = new MailSettings.Retry(Duration.ofSeconds(30), Duration.ofMinutes(30), 10);

        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(retry.delayAfter(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(retry.delayAfter(60)).isEqualTo(Duration.ofMinutes(30));
    }
}
