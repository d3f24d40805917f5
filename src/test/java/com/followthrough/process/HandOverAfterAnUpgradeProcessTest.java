package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.promise.InvalidPromiseException;
import com.followthrough.promise.Promises;

/**
 * Cases that run on the models from before a hand-over got its own due time and timer ("Handed-over call due",
 * "Colleague's answer due"; {@code earlier-models/before-hand-over-timers}, copied from 90c355b). Their hand-over
 * leaves the task due at the time that has passed, as it did: a due date moved ahead with no timer behind it would
 * tell the colleague a deadline nothing keeps. Nor does their decision on an unreachable customer take a new time.
 * Not a {@link ProcessTest}: coverage measures the current models.
 */
@FollowThroughSpringTest
class HandOverAfterAnUpgradeProcessTest {

    private static final String EARLIER = "earlier-models/before-hand-over-timers/";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    @RegisterExtension final ModelUpgrades upgrades = new ModelUpgrades();

    @Test
    void aCallbackHandedOverOnTheEarlierVersionStaysDueAtThePromisedTime() {
        upgrades.deploy(EARLIER + "support-case.bpmn", EARLIER + "keep-promise.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        upgrades.deploy("processes/support-case.bpmn", "processes/keep-promise.bpmn");
        Date promised = c.task("Task_CallCustomerBack").getDueDate();

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10))
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Now"));

        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria").hasDueDate(promised);
    }

    @Test
    void anAnswerHandedOverOnTheEarlierVersionStaysDueAtTheTimeTheCustomerWasGiven() {
        upgrades.deploy(EARLIER + "support-case.bpmn", EARLIER + "keep-promise.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).timePasses(Duration.ofMinutes(30)).customerWrites("Any news?");
        upgrades.deploy("processes/support-case.bpmn", "processes/keep-promise.bpmn");
        Date answerDue = c.task("Task_AnswerCustomerMessage").getDueDate();

        c.timeIs(answerDue).timerFires("Event_AnswerDue").complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                Map.of("whoAnswers", "colleague", "colleague", "maria"));

        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("maria").hasDueDate(answerDue);
    }

    /**
     * The current model takes a new time agreed while the decision on an unreachable customer is open, and ends the
     * decision; the earlier one has nothing waiting for it then. Its case is not broken: the supervisor is told to
     * decide first, and nothing changes.
     */
    @Test
    void aNewTimeWhileTheUnreachableDecisionIsOpenOnTheEarlierVersionIsRefusedSayingWhatToDo() {
        upgrades.deploy(EARLIER + "support-case.bpmn", EARLIER + "keep-promise.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(1))
                .timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }
        upgrades.deploy("processes/support-case.bpmn", "processes/keep-promise.bpmn");
        int promisesBefore = c.promises().size();

        assertThatThrownBy(() -> c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                "supervisorAction", "Reached Jane", "newCallbackAt",
                CaseDriver.now().plus(Duration.ofHours(3)).atOffset(java.time.ZoneOffset.ofHours(1)).toString())))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessageContaining("this promise runs on an earlier version of the process")
                .hasMessageContaining("Decide it first");

        assertThat(c.task("Task_KeepPromiseAtRisk")).isNotNull();
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasCandidateGroup("supervisors");
        assertThat(c.promises()).hasSize(promisesBefore);
    }
}
