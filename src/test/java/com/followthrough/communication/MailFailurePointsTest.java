package com.followthrough.communication;

import static com.followthrough.communication.ScriptedSmtpServer.DROP;
import static com.followthrough.communication.ScriptedSmtpServer.SILENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.followthrough.communication.CustomerMessage.Direction;
import com.followthrough.communication.DeliveryFailures.Outcome;
import com.followthrough.communication.ScriptedSmtpServer.Stage;

/**
 * Every point where an SMTP send can fail, against a scripted server: before the mail's content was handed over
 * nothing went out (retry, or give up on a permanent 5xx); after it, only an answer from the server settles it, and
 * without one (dropped connection, timeout) the delivery is uncertain and never repeated automatically.
 */
class MailFailurePointsTest {

    static final int TIMEOUT_MILLIS = 1000;

    static Stream<Arguments> failurePoints() {
        return Stream.of(
                failure("greeting 421, service not available", Stage.GREETING, "421 4.3.2 Service not available", Outcome.NOT_SENT),
                failure("connection dropped before the greeting", Stage.GREETING, DROP, Outcome.NOT_SENT),
                failure("EHLO rejected", Stage.EHLO, "554 5.5.1 No thanks", Outcome.NOT_SENT),
                failure("MAIL FROM rejected for now", Stage.MAIL, "451 4.3.0 Try again later", Outcome.NOT_SENT),
                failure("MAIL FROM rejected for good", Stage.MAIL, "550 5.7.1 Sender not allowed", Outcome.CANNOT_BE_SENT),
                failure("connection dropped after MAIL FROM", Stage.MAIL, DROP, Outcome.NOT_SENT),
                failure("no answer to MAIL FROM", Stage.MAIL, SILENCE, Outcome.NOT_SENT),
                failure("RCPT TO greylisted", Stage.RCPT, "450 4.2.0 Greylisted", Outcome.NOT_SENT),
                failure("RCPT TO unknown mailbox", Stage.RCPT, "550 5.1.1 No such user", Outcome.CANNOT_BE_SENT),
                failure("connection dropped after RCPT TO", Stage.RCPT, DROP, Outcome.NOT_SENT),
                failure("no answer to RCPT TO", Stage.RCPT, SILENCE, Outcome.NOT_SENT),
                failure("DATA rejected for now", Stage.DATA, "451 4.3.0 Try again later", Outcome.NOT_SENT),
                failure("DATA rejected for good", Stage.DATA, "554 5.5.1 No valid recipients", Outcome.CANNOT_BE_SENT),
                failure("connection dropped after DATA", Stage.DATA, DROP, Outcome.NOT_SENT),
                failure("content refused for now", Stage.END_OF_DATA, "451 4.3.0 Local error", Outcome.NOT_SENT),
                failure("content refused for good", Stage.END_OF_DATA, "552 5.3.4 Message too big", Outcome.CANNOT_BE_SENT),
                failure("content taken, then the connection dropped without an answer", Stage.END_OF_DATA, DROP, Outcome.UNCERTAIN),
                failure("content taken, then no answer (timeout)", Stage.END_OF_DATA, SILENCE, Outcome.UNCERTAIN));
    }

    private static Arguments failure(String what, Stage stage, String action, Outcome expected) {
        return Arguments.of(what, Map.of(stage, action), expected);
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("failurePoints")
    void eachFailurePointHasItsOutcome(String what, Map<Stage, String> script, Outcome expected) throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(script)) {
            RuntimeException failure = sendTo(server.port());

            assertThat(failure).as(what + ": the send fails").isNotNull();
            assertThat(DeliveryFailures.of(failure)).as(what + ": " + DeliveryFailures.describe(failure)).isEqualTo(expected);
            if (expected != Outcome.UNCERTAIN) {
                assertThat(server.contentsTaken()).as(what + ": the server has no mail to deliver").isZero();
            }
        }
    }

    @Test
    void aRefusedConnectionIsNotSent() throws IOException {
        int closedPort;
        try (ServerSocket nobodyListens = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = nobodyListens.getLocalPort();
        }
        RuntimeException failure = sendTo(closedPort);

        assertThat(failure).isNotNull();
        assertThat(DeliveryFailures.of(failure)).isEqualTo(Outcome.NOT_SENT);
    }

    @Test
    void aMailTheServerAcceptedIsSentEvenIfTheConnectionDropsAtQuit() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(Map.of(Stage.QUIT, DROP))) {
            assertThatCode(() -> delivery(server.port()).send(message())).doesNotThrowAnyException();
            assertThat(server.contentsTaken()).isEqualTo(1);
        }
    }

    static RuntimeException sendTo(int port) {
        try {
            delivery(port).send(message());
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    static MailDelivery delivery(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties timeouts = new Properties();
        timeouts.setProperty("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        timeouts.setProperty("mail.smtp.timeout", String.valueOf(TIMEOUT_MILLIS));
        timeouts.setProperty("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MILLIS));
        sender.setJavaMailProperties(timeouts);
        return new MailDelivery(sender, "support@follow-through.example");
    }

    static CustomerMessage message() {
        return new CustomerMessage(7, "SC-2026-000007", null, Direction.OUTBOUND, MessageKind.ACKNOWLEDGMENT, "email",
                "en", "jane@customer.test", "Your case SC-2026-000007", "We have your case.", Instant.now(),
                CustomerMessage.SENDING, 0, null, null, null, null);
    }
}
