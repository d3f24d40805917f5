package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;

/**
 * Cases that wait on the customer's answer on the models from before a promised call ended that wait
 * ({@code src/test/resources/earlier-models/before-calls-ended-the-wait}, copied from 90c355b). An upgrade leaves
 * such a case on its version, and the callback it promises after the upgrade runs on the new KeepPromise (binding
 * latest): a call that reaches the customer, or the letter that the solution comes in writing, ends the old wait as
 * an answer would, so the old "No answer from the customer" does not take the owner's next step away. Not a
 * {@link ProcessTest}: process coverage measures the models in {@code processes/}.
 */
@FollowThroughSpringTest
class CallEndsTheWaitAfterAnUpgradeProcessTest {

    private static final String EARLIER = "earlier-models/before-calls-ended-the-wait/";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    @RegisterExtension final ModelUpgrades upgrades = new ModelUpgrades();

    @Test
    void aCallThatReachesTheCustomerEndsAWaitThatBeganBeforeTheUpgrade() {
        CaseDriver c = caseWaitingOnTheCustomerSinceBeforeTheUpgradePromisesACallback();

        c.timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "reachedSolved");

        assertThat(c.instance).hasPassed("Event_CustomerAnswered", "EndEvent_WorkGoesOn");
        theRemindersRunOut(c);
        assertThat(c.messagesSent()).doesNotContain(QUESTION_REMINDER, CLOSED_WITHOUT_ANSWER);
        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
    }

    @Test
    void theSolutionPromisedInWritingEndsAWaitThatBeganBeforeTheUpgrade() {
        CaseDriver c = caseWaitingOnTheCustomerSinceBeforeTheUpgradePromisesACallback();
        c.timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timeIs(c.timerDueDate("Event_RetryWaitOver")).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }
        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));

        assertThat(c.instance).as("the old version has only the answer to end its wait")
                .hasPassed("Event_CustomerAnswered", "EndEvent_WorkGoesOn");
        theRemindersRunOut(c);
        assertThat(c.messagesSent()).contains(CUSTOMER_UNREACHABLE).doesNotContain(QUESTION_REMINDER,
                CLOSED_WITHOUT_ANSWER);
        assertThat(c.instance).hasNotPassed("Event_NoAnswerFromCustomer");
        c.resolve("company", 0);
        assertThat(c.messagesSent()).as("the solution goes out in writing, as promised").last().isEqualTo(RESOLUTION);
    }

    @Test
    void aCustomerWhoCallsInWhileWeWaitToCallAgainEndsAWaitThatBeganBeforeTheUpgrade() {
        CaseDriver c = caseWaitingOnTheCustomerSinceBeforeTheUpgradePromisesACallback();
        c.timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");

        assertThat(inbox.customerCalledIn(c.reference, "Call me after 14:00")).isEqualTo(CaseInbox.Outcome.TAKEN);
        c.runAsyncSteps();

        assertThat(c.instance).hasPassed("Event_CustomerAnswered", "EndEvent_WorkGoesOn");
        theRemindersRunOut(c);
        assertThat(c.messagesSent()).doesNotContain(QUESTION_REMINDER, CLOSED_WITHOUT_ANSWER);
        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("anna");
    }

    @Test
    void aNewTimeTheSupervisorAgreesWithTheCustomerEndsAWaitThatBeganBeforeTheUpgrade() {
        CaseDriver c = caseWaitingOnTheCustomerSinceBeforeTheUpgradePromisesACallback();
        c.timeIs(c.timerDueDate("Event_CallbackDue")).timerFires("Event_CallbackDue");

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                "supervisorAction", "Reached Jane, agreed a call on Tuesday", "newCallbackAt", "2026-11-24T10:00"));

        assertThat(c.instance).hasPassed("Event_CustomerAnswered", "EndEvent_WorkGoesOn");
        theRemindersRunOut(c);
        assertThat(c.messagesSent()).doesNotContain(QUESTION_REMINDER, CLOSED_WITHOUT_ANSWER);
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");
    }

    /** Anna asks on the earlier models; after the upgrade she knows enough to promise a call in two hours. */
    private CaseDriver caseWaitingOnTheCustomerSinceBeforeTheUpgradePromisesACallback() {
        upgrades.deploy(EARLIER + "support-case.bpmn", EARLIER + "keep-promise.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of())
                .complete("Task_DiagnoseProblem", "anna", Map.of("diagnosis", "Billing run charged a card twice",
                        "faultParty", "company", "diagnosisOutcome", "waitForCustomer",
                        "customerQuestion", "Which card was charged twice?"));
        assertThat(c.instance).isWaitingAt("Gateway_AwaitAnswer");
        upgrades.deploy("processes/support-case.bpmn", "processes/keep-promise.bpmn");

        return c.timePasses(Duration.ofHours(1)).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));
    }

    private static void theRemindersRunOut(CaseDriver c) {
        for (int firing = 0; firing < 3 && c.hasTimer("Event_ReminderDue"); firing++) {
            Date due = c.timerDueDate("Event_ReminderDue");
            c.timeIs(due.after(Date.from(CaseDriver.now())) ? due : Date.from(CaseDriver.now()))
                    .timerFires("Event_ReminderDue");
        }
    }
}
