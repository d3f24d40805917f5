package com.followthrough.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;

import com.followthrough.EngineClock;
import com.followthrough.FollowThroughSpringTest;

/**
 * Without a mail server (no {@code spring.mail.host}, the embedded default) a message is recorded as "not delivered:
 * no mail server configured" and logged in full, and the dispatcher has nothing to do. The shared test context has
 * a mail server, so this test builds the messenger and dispatcher with a {@link MailDelivery} that has none.
 */
@FollowThroughSpringTest
@ExtendWith(OutputCaptureExtension.class)
class NoMailServerTest {

    @Autowired MessageComposer composer;
    @Autowired CustomerMessages messages;
    @Autowired MailSettings settings;
    @Autowired DeliveryAlerts alerts;
    @Autowired CaseSerializer serializer;
    @Autowired EngineClock clock;
    @Autowired PlatformTransactionManager transactions;

    final MailDelivery noMailServer = new MailDelivery(null, "support@follow-through.example");

    @BeforeEach
    void mondayMorning() {
        ClockUtil.setCurrentTime(Date.from(MessageTemplatesTest.MONDAY_9AM_BERLIN));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theMessageIsRecordedAsNotDeliveredAndLoggedInFull(CapturedOutput log) {
        Map<String, Object> variables = MessageTemplatesTest.janesCase("de");
        variables.put("caseReference", "SC-TEST-NOMAIL");
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
        when(execution.getProcessInstanceId()).thenReturn(null);

        long id = new CustomerMessenger(composer, messages, noMailServer, clock).send(MessageKind.ACKNOWLEDGMENT, execution);

        CustomerMessage recorded = messages.find(id).orElseThrow();
        assertThat(recorded.deliveryStatus()).isEqualTo(CustomerMessage.NOT_DELIVERED_NO_MAIL_SERVER);
        assertThat(recorded.nextAttemptAt()).isNull();
        assertThat(recorded.recipient()).isEqualTo("jane@example.org");
        assertThat(recorded.body()).contains("Guten Tag Jane Doe", "SC-TEST-NOMAIL");
        assertThat(log).contains("not delivered: no mail server configured")
                .contains("Subject: Wir haben Ihre Anfrage erhalten: SC-TEST-NOMAIL")
                .contains("Spätestens am Montag, 23. November 2026, 10:00 Uhr MEZ meldet sich");

        MailDispatcher dispatcher = new MailDispatcher(messages, noMailServer, settings, alerts, serializer, clock,
                transactions);
        assertThat(dispatcher.deliverDue()).isZero();
        assertThat(messages.find(id).orElseThrow().deliveryStatus()).isEqualTo(CustomerMessage.NOT_DELIVERED_NO_MAIL_SERVER);
    }
}
