package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;
import com.followthrough.tasklist.CaseContext;

/**
 * "Two tasks for one customer" (issue 14, item 7): a message that arrives while nobody has listened yet is folded
 * into the Listen task (its form shows it) instead of adding an Answer task beside it; the customer is still told
 * by when a person contacts them, the time Listen is due at and the first-response timer keeps. After Listen, a
 * message gets its own Answer task as before.
 */
@ProcessTest
class MessageBeforeListeningProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private CaseDriver opened() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()));
    }

    @Test
    void aMessageBeforeAnyoneListenedIsShownOnTheListenTaskAndAddsNoAnswerTask() {
        CaseDriver c = opened().timePasses(Duration.ofMinutes(20))
                .customerWrites("Also: the <b>second</b> debit is from 3 Nov, not 2 Nov.");

        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).containsExactly("Task_ListenToCustomer");
        assertThat(c.instance).hasPassed("Task_AttachCustomerMessage", "Task_AcknowledgeCustomerMessage",
                "EndEvent_MessageOnListen").hasNotPassed("Task_AnswerCustomerMessage");
        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_RECEIVED).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("will contact you in person by Monday, 23 November 2026, 13:00 CET")
                .doesNotContain("will answer you by");

        Task listen = c.task("Task_ListenToCustomer");
        assertThat(listen.getAssignee()).as("still in the team queue, where its form already shows the message").isNull();
        assertThat((String) engine.getFormService().getTaskFormVariables(listen.getId()).get(CaseContext.HEADER))
                .contains("the customer wrote by email", "the \\<b\\>second\\</b\\> debit is from 3 Nov")
                .doesNotContain("<b>");
        assertThat(listen.getDueDate()).isEqualTo(Date.from(CaseDriver.berlin("2026-11-23T13:00")))
                .isEqualTo(c.timerDueDate("Event_FirstResponseDue"));
    }

    /**
     * The customer writes after the time the acknowledgment gave them has passed and nobody has listened yet: the
     * message must not promise that passed time again ("will contact you in person by 13:00" at 14:00). It says that
     * the team leads see to it (their "Give the customer a first response", from Event_FirstResponseDue) and names the
     * next time the update cycle on Listen keeps; at that time the customer hears from us.
     */
    @Test
    void aMessageAfterTheFirstResponseTimePassedPromisesNoPassedTimeButTheNextUpdate() {
        CaseDriver c = opened().timePasses(Duration.ofMinutes(270)).dueTimersFire();
        assertThat(c.task("Task_GiveFirstResponse")).hasCandidateGroup("supervisors");

        c.timePasses(Duration.ofMinutes(30)).customerWrites("Is anybody there? I am still charged twice.");

        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder("Task_ListenToCustomer", "Task_GiveFirstResponse");
        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_RECEIVED).singleElement()
                .extracting(CustomerMessage::body).asString()
                .doesNotContain("13:00")
                .contains("we have not contacted you in person yet", "our team leads see to it",
                        "You will hear from us again by Monday, 23 November 2026, 18:00 CET at the latest");

        c.timeIs(Date.from(CaseDriver.berlin("2026-11-23T18:00"))).dueTimersFire();
        assertThat(c.messages()).filteredOn(m -> m.kind() == PROGRESS_UPDATE)
                .extracting(CustomerMessage::createdAt).contains(CaseDriver.berlin("2026-11-23T18:00"));
    }

    @Test
    void aMessageInGermanAfterTheFirstResponseTimePassedSaysTheSame() {
        Map<String, Object> german = new HashMap<>(CaseDriver.caseFromJane());
        german.put("language", "de");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, german)
                .timePasses(Duration.ofMinutes(270)).dueTimersFire()
                .timePasses(Duration.ofMinutes(30)).customerWrites("Ist da jemand?");

        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_RECEIVED).singleElement()
                .extracting(CustomerMessage::body).asString()
                .doesNotContain("13:00")
                .contains("haben wir uns noch nicht persönlich bei Ihnen gemeldet", "Unsere Teamleitung sorgt dafür",
                        "Sie hören spätestens am Montag, 23. November 2026, 18:00 Uhr MEZ wieder von uns");
    }

    @Test
    void aMessageAfterListeningStillGetsItsOwnAnswerTask() {
        CaseDriver c = opened().listen("anna", Map.of()).timePasses(Duration.ofMinutes(20))
                .customerWrites("Is the refund on its way?");

        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("anna");
        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_RECEIVED).singleElement()
                .extracting(CustomerMessage::body).asString().contains("Anna from our support team will answer you by");
        assertThat(c.instance).hasNotPassed("EndEvent_MessageOnListen");
    }
}
