package com.followthrough.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.followthrough.EngineClock;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.HeldTransaction;
import com.followthrough.communication.CustomerMessage.Direction;
import com.followthrough.vocabulary.Processes;

import jakarta.mail.internet.MimeMessage;

/**
 * Customer messages leave by SMTP and arrive at a real mail server (GreenMail, {@link TestMailServer}): content,
 * language, reference, recipient and Message-ID; none is lost while the server is down, and none arrives twice, not
 * even when the app stops between sending a mail and recording it.
 */
@FollowThroughSpringTest
@ExtendWith(OutputCaptureExtension.class)
class MailDeliveryTest {

    static final Instant MONDAY_9AM_BERLIN = Instant.parse("2026-11-23T08:00:00Z");
    static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired MailDispatcher dispatcher;
    @Autowired MailDelivery delivery;
    @Autowired MailSettings settings;
    @Autowired DeliveryAlerts alerts;
    @Autowired CaseSerializer serializer;
    @Autowired EngineClock clock;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void mailServerUpOnMondayMorning() {
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN));
        // Messages other test classes left in the shared database go out first, so each test sees only its own.
        TestMailServer.start();
        dispatcher.deliverDue();
        TestMailServer.start();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void mailServerDown() {
        TestMailServer.stop();
    }

    @Test
    void theCustomerReceivesTheAcknowledgmentAsARealMailInTheirLanguage() throws Exception {
        OpenedCase english = open("en", "Jane Doe");
        OpenedCase german = open("de", "Erika Mustermann");
        assertThat(messages.find(english.acknowledgmentId()).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.PENDING);
        assertThat(TestMailServer.receivedBy(english.email())).as("nothing is sent inside the engine's transaction").isEmpty();

        assertThat(dispatcher.deliverDue()).isEqualTo(2);

        MimeMessage mail = single(english.email());
        assertThat(mail.getSubject()).isEqualTo("We have your request: " + english.reference());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("support@follow-through.example");
        assertThat(mail.getHeader("Message-ID")).containsExactly("<ft-message-" + english.acknowledgmentId() + "@follow-through>");
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
        assertThat((String) mail.getContent()).contains("Hello Jane Doe,", "\"Invoice shows the wrong amount\"",
                "Your case reference is " + english.reference(),
                "will contact you in person by Monday, 23 November 2026, 13:00 CET at the latest",
                "You can reach us at +49 30 1234 5678");

        MimeMessage mailDe = single(german.email());
        assertThat(mailDe.getSubject()).isEqualTo("Wir haben Ihre Anfrage erhalten: " + german.reference());
        assertThat(mailDe.getHeader("Content-Language")).containsExactly("de");
        assertThat((String) mailDe.getContent()).contains("Guten Tag Erika Mustermann,",
                "vielen Dank für Ihre Nachricht zu „Invoice shows the wrong amount“",
                "Ihre Vorgangsnummer lautet " + german.reference(),
                "Spätestens am Montag, 23. November 2026, 13:00 Uhr MEZ meldet sich",
                "Sie erreichen uns unter +49 30 1234 5678");

        CustomerMessage sent = messages.find(english.acknowledgmentId()).orElseThrow();
        assertThat(sent.deliveryStatus()).isEqualTo(CustomerMessage.SENT);
        assertThat(sent.deliveredAt()).isEqualTo(MONDAY_9AM_BERLIN);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(dispatcher.deliverDue()).as("nothing is sent twice").isZero();
        assertThat(TestMailServer.receivedBy(english.email())).hasSize(1);
    }

    @Test
    void theCustomersOwnMessageIsAcknowledgedByMail() throws Exception {
        OpenedCase c = open("en", "Jane Doe");
        engine.getRuntimeService().createMessageCorrelation(CaseInbox.CUSTOMER_WROTE_IN)
                .processInstanceBusinessKey(c.reference())
                .setVariables(Map.of("inboundText", "Any news?", "inboundChannel", "email")).correlate();
        runJobs(c.processInstanceId());

        dispatcher.deliverDue();

        List<MimeMessage> mails = TestMailServer.receivedBy(c.email());
        assertThat(mails).extracting(MimeMessage::getSubject)
                .containsExactly("We have your request: " + c.reference(), "We have your message: " + c.reference());
        assertThat((String) mails.get(1).getContent()).contains("thank you for your message about",
                "A member of our support team will contact you in person by Monday, 23 November 2026, 13:00 CET at the"
                        + " latest, with this message in hand.");
    }

    @Test
    void noMessageIsLostWhileTheMailServerIsDownAndNoneArrivesTwice() throws Exception {
        TestMailServer.stop();
        List<OpenedCase> cases = IntStream.range(0, 50).mapToObj(i -> open(i % 2 == 0 ? "en" : "de", "Customer " + i)).toList();

        assertThat(dispatcher.deliverDue()).isZero();
        for (OpenedCase c : cases) {
            CustomerMessage waiting = messages.find(c.acknowledgmentId()).orElseThrow();
            assertThat(waiting.deliveryStatus()).isEqualTo(CustomerMessage.FAILED_RETRYING);
            assertThat(waiting.attempts()).isEqualTo(1);
            assertThat(waiting.nextAttemptAt()).isEqualTo(MONDAY_9AM_BERLIN.plus(Duration.ofSeconds(30)));
            assertThat(waiting.lastError()).contains("ConnectException");
        }

        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plusSeconds(30)));
        assertThat(dispatcher.deliverDue()).isZero();
        assertThat(messages.find(cases.get(0).acknowledgmentId()).orElseThrow())
                .satisfies(m -> assertThat(m.attempts()).isEqualTo(2))
                .satisfies(m -> assertThat(m.nextAttemptAt()).as("backoff doubles")
                        .isEqualTo(MONDAY_9AM_BERLIN.plusSeconds(30 + 60)));

        TestMailServer.start();
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plusSeconds(30 + 60)));
        assertThat(dispatcher.deliverDue()).isGreaterThanOrEqualTo(50);
        assertThat(dispatcher.deliverDue()).isZero();

        for (OpenedCase c : cases) {
            List<MimeMessage> received = TestMailServer.receivedBy(c.email());
            assertThat(received).as("mails to %s", c.email()).hasSize(1);
            assertThat(received.get(0).getHeader("Message-ID")).containsExactly(CustomerMessage.messageId(c.acknowledgmentId()));
            assertThat((String) received.get(0).getContent()).contains(c.reference(), c.customerName());
            assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.SENT);
        }
        Set<String> ids = cases.stream().map(c -> CustomerMessage.messageId(c.acknowledgmentId())).collect(Collectors.toSet());
        assertThat(ids).hasSize(50);
    }

    @Test
    void aMessageSentButNotRecordedBeforeACrashIsNeverSentAgainButShownToAPerson(CapturedOutput log) throws Exception {
        OpenedCase c = open("en", "Jane Doe");
        MailDelivery crashesAfterSending = new MailDelivery(null, "unused") {
            @Override
            public boolean configured() {
                return true;
            }

            @Override
            public void send(CustomerMessage message) {
                delivery.send(message);
                if (message.recipient().equals(c.email())) {
                    throw new SimulatedCrash();
                }
            }
        };
        MailDispatcher crashingNode = new MailDispatcher(messages, crashesAfterSending, settings, alerts, serializer,
                clock, transactions);

        assertThatThrownBy(crashingNode::deliverDue).isInstanceOf(SimulatedCrash.class);
        assertThat(TestMailServer.receivedBy(c.email())).hasSize(1);
        assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.SENDING);

        // The app comes back. Within the sending timeout another node might still be sending it: hands off.
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plus(Duration.ofMinutes(4))));
        dispatcher.deliverDue();
        assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.SENDING);

        // After it, the message was surely interrupted: never sent again, shown to a person.
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plus(settings.dispatcher().sendingTimeout()).plusSeconds(1)));
        dispatcher.deliverDue();
        CustomerMessage uncertain = messages.find(c.acknowledgmentId()).orElseThrow();
        assertThat(uncertain.deliveryStatus()).isEqualTo(CustomerMessage.DELIVERY_UNCERTAIN);
        assertThat(uncertain.lastError()).contains("interrupted");
        assertThat(TestMailServer.receivedBy(c.email())).as("not sent twice").hasSize(1);
        Incident incident = incidentOf(c);
        assertThat(incident.getConfiguration()).isEqualTo(String.valueOf(c.acknowledgmentId()));
        assertThat(incident.getIncidentMessage()).contains("delivery uncertain", c.reference(), c.email());
        assertThat(log).contains("ERROR").contains("Message " + c.acknowledgmentId() + " (acknowledgment) for case " + c.reference());

        // A person checks with the customer and resends it: same Message-ID, incident resolved.
        assertThat(dispatcher.resend(c.acknowledgmentId())).isTrue();
        dispatcher.deliverDue();
        List<MimeMessage> received = TestMailServer.receivedBy(c.email());
        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(mail -> assertThat(mail.getHeader("Message-ID"))
                .containsExactly(CustomerMessage.messageId(c.acknowledgmentId())));
        assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.SENT);
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(c.processInstanceId())
                .incidentType(DeliveryAlerts.INCIDENT_TYPE).count()).isZero();
    }

    @Test
    void aMailWhoseContentWentOutWithoutAnAnswerIsNeverSentAgainButShownToAPerson() throws Exception {
        OpenedCase c = open("en", "Jane Roe");
        try (ScriptedSmtpServer takesTheMailAndHangsUp = ScriptedSmtpServer.start(
                Map.of(ScriptedSmtpServer.Stage.END_OF_DATA, ScriptedSmtpServer.DROP))) {
            MailDispatcher node = new MailDispatcher(messages, MailFailurePointsTest.delivery(takesTheMailAndHangsUp.port()),
                    settings, alerts, serializer, clock, transactions);

            node.deliverDue();
            CustomerMessage uncertain = messages.find(c.acknowledgmentId()).orElseThrow();
            assertThat(uncertain.deliveryStatus()).isEqualTo(CustomerMessage.DELIVERY_UNCERTAIN);
            assertThat(uncertain.nextAttemptAt()).isNull();
            assertThat(incidentOf(c).getIncidentMessage()).contains("delivery uncertain", c.reference());

            ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plus(Duration.ofHours(2))));
            node.deliverDue();
            // Other tests' messages due meanwhile go to the same server; count only this customer's.
            assertThat(takesTheMailAndHangsUp.commands()).as("handed over once, never again")
                    .filteredOn(command -> command.toUpperCase().startsWith("RCPT") && command.contains(c.email()))
                    .hasSize(1);
            assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus())
                    .isEqualTo(CustomerMessage.DELIVERY_UNCERTAIN);
        }
    }

    @Test
    void afterTheLastAttemptTheMessageIsFailedAndAPersonIsTold(CapturedOutput log) {
        OpenedCase c = open("de", "Erika Mustermann");
        TestMailServer.stop();
        MailSettings twoAttempts = new MailSettings(settings.from(),
                new MailSettings.Retry(Duration.ofSeconds(30), Duration.ofMinutes(30), 2), settings.dispatcher());
        MailDispatcher impatient = new MailDispatcher(messages, delivery, twoAttempts, alerts, serializer, clock,
                transactions);

        impatient.deliverDue();
        assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.FAILED_RETRYING);
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plusSeconds(30)));
        impatient.deliverDue();

        CustomerMessage failed = messages.find(c.acknowledgmentId()).orElseThrow();
        assertThat(failed.deliveryStatus()).isEqualTo(CustomerMessage.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(incidentOf(c).getIncidentMessage()).contains("not delivered after 2 attempts");
        assertThat(log).contains("not delivered after 2 attempts");

        TestMailServer.start();
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN.plus(Duration.ofHours(1))));
        dispatcher.deliverDue();
        assertThat(TestMailServer.receivedBy(c.email())).as("a failed message waits for a person").isEmpty();
    }

    /**
     * The last attempt fails while the agent completes a step of the case: the incident that tells a person goes on
     * the step the case has moved to, and the message is FAILED, not left SENDING to be called uncertain later.
     */
    @Test
    void aMessageThatFailsForGoodAsTheCaseMovesOnIsFailedAndAPersonIsTold() throws Exception {
        OpenedCase c = open("en", "Jane Race");
        TestMailServer.stop();
        MailSettings oneAttempt = new MailSettings(settings.from(),
                new MailSettings.Retry(Duration.ofSeconds(30), Duration.ofMinutes(30), 1), settings.dispatcher());
        MailDispatcher impatient = new MailDispatcher(messages, delivery, oneAttempt, alerts, serializer, clock,
                transactions);
        String listen = engine.getTaskService().createTaskQuery().processInstanceId(c.processInstanceId())
                .taskDefinitionKey("Task_ListenToCustomer").singleResult().getId();
        engine.getTaskService().claim(listen, "anna");

        try (HeldTransaction annaListened = HeldTransaction.of(transactions, jdbc, () -> engine.getTaskService()
                .complete(listen, Map.of("problemInCustomersWords", "Charged twice", "factsGathered", "Two debits",
                        "questionsAsked", "Which card?", "preferredContactChannel", "phone",
                        "callbackNumber", "+1 555 0100", "discountRequested", false, "spokeToCustomer", "yes")))) {
            impatient.deliverDue();
            assertThat(annaListened.someoneWaited()).as("the alert met Anna's step").isTrue();
        }

        assertThat(messages.find(c.acknowledgmentId()).orElseThrow().deliveryStatus())
                .isEqualTo(CustomerMessage.FAILED);
        assertThat(incidentOf(c).getIncidentMessage()).contains("not delivered after 1 attempts");
        assertThat(engine.getRuntimeService().createExecutionQuery().executionId(incidentOf(c).getExecutionId())
                .activityId("Task_DiagnoseProblem").count()).as("on the step where the case waits now").isOne();
    }

    @Test
    void ofTwoDispatchersOnlyOneClaimsAMessage() {
        long id = messages.record("SC-TEST-CLAIM", null, null, Direction.OUTBOUND, MessageKind.PROGRESS_UPDATE,
                "email", "en", "claim@outbox.test", "Subject", "Body", clock.now(), CustomerMessage.PENDING);

        assertThat(messages.claim(id, clock.now())).isTrue();
        assertThat(messages.claim(id, clock.now())).isFalse();
        assertThat(messages.find(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(messages.markSent(id, clock.now())).isTrue();
        assertThat(messages.markSent(id, clock.now())).isFalse();
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    record OpenedCase(String processInstanceId, String reference, String email, String customerName, long acknowledgmentId) {
    }

    static class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("the app stopped right after the mail server accepted the mail");
        }
    }

    private OpenedCase open(String language, String customerName) {
        String email = "customer-" + CUSTOMERS.incrementAndGet() + "@outbox.test";
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerName", customerName);
        variables.put("customerEmail", email);
        variables.put("customerPhone", "+1 555 0100");
        variables.put("plan", "premium");
        variables.put("language", language);
        variables.put("channel", "email");
        variables.put("priority", "normal");
        variables.put("subject", "Invoice shows the wrong amount");
        variables.put("description", "I was charged twice.");
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, variables);
        runJobs(instance.getId());
        String reference = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getBusinessKey();
        CustomerMessage acknowledgment = messages.ofCase(reference).get(0);
        assertThat(acknowledgment.kind()).isEqualTo(MessageKind.ACKNOWLEDGMENT);
        return new OpenedCase(instance.getId(), reference, email, customerName, acknowledgment.id());
    }

    private void runJobs(String processInstanceId) {
        List<Job> jobs;
        while (!(jobs = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).messages().list()).isEmpty()) {
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    private MimeMessage single(String recipient) {
        List<MimeMessage> received = TestMailServer.receivedBy(recipient);
        assertThat(received).as("mails to %s", recipient).hasSize(1);
        return received.get(0);
    }

    private Incident incidentOf(OpenedCase c) {
        return engine.getRuntimeService().createIncidentQuery().processInstanceId(c.processInstanceId())
                .incidentType(DeliveryAlerts.INCIDENT_TYPE).singleResult();
    }
}
