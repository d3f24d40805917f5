package com.followthrough.process;

import static com.followthrough.communication.MessageKind.ACKNOWLEDGMENT;
import static com.followthrough.communication.MessageKind.CASE_REOPENED;
import static com.followthrough.communication.MessageKind.MESSAGE_RECEIVED;
import static com.followthrough.communication.MessageKind.MESSAGE_REPLY;
import static com.followthrough.communication.MessageKind.PROGRESS_UPDATE;
import static com.followthrough.communication.MessageKind.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.followthrough.HeldTransaction;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * A progress update falls due at the very moment a person acts on the same case: the agent completes "Listen to the
 * customer" or sends the answer to a message, or the supervisors decide on the customer's reply to the solution. The
 * job executor is off and the jobs run by hand in a chosen order, one of the two held open until the other meets it
 * (as in {@link ProgressUpdateAndResolutionRaceProcessTest}). What the customer relies on: one update, or none when
 * the person's own message told them already; the next task with its owner; one next update timer; no incident.
 */
@ProcessTest
class ProgressUpdateWhilePeopleActRaceProcessTest {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired CaseDeadlines deadlines;

    // --- the agent completes Listen -------------------------------------------------------------------------------

    /**
     * Anna's Listen commits while the update timer on Listen fires: the timer meets the end of Listen, which took it
     * away, and is rolled back. Anna spoke to the customer: no update now, the next one interval from now.
     */
    @Test
    void listenThatCommitsFirstEndsTheUpdateTimerOnIt() throws Exception {
        CaseDriver c = open("listen-first");
        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting"));
        String timer = onlyTimer(c, "Event_UpdateIntervalPassedWhileWaiting");

        try (HeldTransaction listen = HeldTransaction.of(transactions, jdbc, () -> completeListen(c))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(timer))
                    .as("the timer meets Listen's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(listen.someoneWaited()).as("the timer waited for Listen's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("what the customer got").containsExactly(ACKNOWLEDGMENT);
        assertThat(c.task("Task_DiagnoseProblem")).as("anna's next task").isAssignedTo("anna");
        assertOneNextUpdate(c, "StartEvent_UpdateIntervalPassed");
        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).as("the next update, an interval from the talk")
                .isEqualTo(c.oneUpdateIntervalFromNow(deadlines));
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileWaiting")).as("the waiting cycle").isFalse();
        assertNothingStuck(c);
        assertThat(passes(c, "Task_ListenToCustomer")).as("Listen recorded").isEqualTo(1);
    }

    /**
     * As above, but Anna listened from the written request without reaching the customer: the customer has heard
     * nothing for an interval, and the update the timer would have sent is still owed: the work's cycle sends it in the
     * next minute, once, and the next one interval after it. It used to wait a whole interval more.
     */
    @Test
    void listenWithoutReachingTheCustomerThatCommitsFirstLeavesTheUpdateOwedToTheWork() throws Exception {
        CaseDriver c = open("listen-unreached-first");
        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting"));
        String timer = onlyTimer(c, "Event_UpdateIntervalPassedWhileWaiting");

        try (HeldTransaction listen = HeldTransaction.of(transactions, jdbc, () -> completeListen(c, "no"))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(timer))
                    .as("the timer meets Listen's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(listen.someoneWaited()).as("the timer waited for Listen's commit").isTrue();
        }
        c.runAsyncSteps();
        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).as("the work's first update")
                .isEqualTo(Date.from(CaseDriver.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))));
        c.timePasses(Duration.ofMinutes(1)).dueTimersFire();

        assertThat(c.messagesSent()).as("what the customer got").containsExactly(ACKNOWLEDGMENT, PROGRESS_UPDATE);
        assertThat(c.task("Task_DiagnoseProblem")).as("anna's next task").isAssignedTo("anna");
        assertOneNextUpdate(c, "StartEvent_UpdateIntervalPassed");
        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).as("the next update")
                .isEqualTo(c.oneUpdateIntervalFromNow(deadlines));
        assertNothingStuck(c);
    }

    /**
     * The update timer on Listen commits while Anna completes it: her completion meets the timer's change of the case
     * and fails (Tasklist shows her the error, with her entries still in the form); she completes it again. The
     * customer gets the update the timer found due, once, and the work's cycle goes on from it.
     */
    @Test
    void listenThatMeetsTheUpdateTimerIsCompletedAgainAndTheCustomerGetsOneUpdate() throws Exception {
        CaseDriver c = open("timer-first");
        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting"));
        String timer = onlyTimer(c, "Event_UpdateIntervalPassedWhileWaiting");

        try (HeldTransaction update = HeldTransaction.of(transactions, jdbc,
                () -> engine.getManagementService().executeJob(timer))) {
            assertThatThrownBy(() -> completeListen(c))
                    .as("Listen meets the timer's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(update.someoneWaited()).as("Listen waited for the timer's commit").isTrue();
        }
        completeListen(c);
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("what the customer got").containsExactly(ACKNOWLEDGMENT, PROGRESS_UPDATE);
        assertThat(c.task("Task_DiagnoseProblem")).as("anna's next task").isAssignedTo("anna");
        assertOneNextUpdate(c, "StartEvent_UpdateIntervalPassed");
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileWaiting")).as("the waiting cycle").isFalse();
        assertNothingStuck(c);
        assertThat(passes(c, "Task_ListenToCustomer")).as("Listen recorded").isEqualTo(1);
    }

    // --- the agent's answer to a message ---------------------------------------------------------------------------

    /**
     * The customer wrote during the work; the update falls due as Anna's answer is sent, and the answer's step commits
     * while the update's step runs: the answer is the news, and the customer must not read "we don't have an answer
     * for you yet" after it.
     */
    @Test
    void anUpdateThatWouldCommitAfterTheAnswerIsNotSent() throws Exception {
        CaseDriver c = answerAndUpdateBothWaiting("answer-first");

        try (HeldTransaction answer = HeldTransaction.of(transactions, jdbc,
                () -> c.asyncStepRuns("Task_SendAnswer"))) {
            assertThatThrownBy(() -> c.asyncStepRuns("Task_SendProgressUpdate"))
                    .as("the update meets the answer's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(answer.someoneWaited()).as("the update waited for the answer's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out")
                .containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED, MESSAGE_REPLY);
        assertThat(c.task("Task_DiagnoseProblem")).as("anna's task").isAssignedTo("anna");
        assertOneNextUpdate(c, "StartEvent_UpdateIntervalPassed");
        assertNothingStuck(c);
    }

    /** The update's step commits first: it went out while true, and the answer follows it. */
    @Test
    void anUpdateThatCommitsFirstGoesOutBeforeTheAnswer() throws Exception {
        CaseDriver c = answerAndUpdateBothWaiting("update-first");

        try (HeldTransaction update = HeldTransaction.of(transactions, jdbc,
                () -> c.asyncStepRuns("Task_SendProgressUpdate"))) {
            assertThatThrownBy(() -> c.asyncStepRuns("Task_SendAnswer"))
                    .as("the answer meets the update's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(update.someoneWaited()).as("the answer waited for the update's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out")
                .containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED, PROGRESS_UPDATE, MESSAGE_REPLY);
        assertThat(c.task("Task_DiagnoseProblem")).as("anna's task").isAssignedTo("anna");
        assertOneNextUpdate(c, "StartEvent_UpdateIntervalPassed");
        assertNothingStuck(c);
    }

    // --- the supervisors decide on the customer's reply -----------------------------------------------------------

    /**
     * Maria's decision to reopen commits while the update timer on the supervisors' decision fires: the timer meets
     * the decision's end of the step it is on and is rolled back; "we are back on it" is the news.
     */
    @Test
    void aDecisionThatCommitsFirstEndsTheUpdateTimerOnIt() throws Exception {
        CaseDriver c = replyWithTheSupervisors("decision-first");
        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWithSupervisors"));
        String timer = onlyTimer(c, "Event_UpdateIntervalPassedWithSupervisors");

        try (HeldTransaction decision = HeldTransaction.of(transactions, jdbc, () -> reopen(c))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(timer))
                    .as("the timer meets the decision's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(decision.someoneWaited()).as("the timer waited for the decision's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out").containsExactly(
                ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, PROGRESS_UPDATE, CASE_REOPENED);
        assertReopenedOnce(c);
    }

    /**
     * The update timer commits while Maria decides to reopen: her decision meets it and fails, and she decides again.
     * The update, queued by the timer, runs after "we are back on it": that was the news, and nothing more is sent.
     */
    @Test
    void aDecisionThatMeetsTheUpdateTimerIsMadeAgainAndItsMessageIsTheNews() throws Exception {
        CaseDriver c = timerFirstThenTheDecisionAgain("timer-first");

        c.asyncStepsRunExcept("Task_SendProgressUpdateOnReply").asyncStepRuns("Task_SendProgressUpdateOnReply");
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out").containsExactly(
                ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, PROGRESS_UPDATE, CASE_REOPENED);
        assertThat(c.instance).hasPassed("EndEvent_UpdateOvertakenOnReply");
        assertReopenedOnce(c);
    }

    /** As above, the update's step running before "we are back on it": the customer gets it once, then that. */
    @Test
    void aDecisionThatMeetsTheUpdateTimerIsMadeAgainAndTheUpdateGoesOutOnce() throws Exception {
        CaseDriver c = timerFirstThenTheDecisionAgain("timer-first-update-first");

        c.asyncStepRuns("Task_SendProgressUpdateOnReply");
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out").containsExactly(
                ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, PROGRESS_UPDATE, PROGRESS_UPDATE, CASE_REOPENED);
        assertReopenedOnce(c);
    }

    private CaseDriver timerFirstThenTheDecisionAgain(String who) throws Exception {
        CaseDriver c = replyWithTheSupervisors(who);
        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWithSupervisors"));
        String timer = onlyTimer(c, "Event_UpdateIntervalPassedWithSupervisors");

        try (HeldTransaction update = HeldTransaction.of(transactions, jdbc,
                () -> engine.getManagementService().executeJob(timer))) {
            assertThatThrownBy(() -> reopen(c))
                    .as("the decision meets the timer's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(update.someoneWaited()).as("the decision waited for the timer's commit").isTrue();
        }
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateOnReply")).as("the update is queued").isTrue();
        reopen(c);
        return c;
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private CaseDriver open(String who) {
        Map<String, Object> jane = new HashMap<>(CaseDriver.caseFromJane());
        jane.put("customerEmail", who + "-" + CUSTOMERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org");
        return CaseDriver.open(engine, inbox, messages, promises, jane);
    }

    private void completeListen(CaseDriver c) {
        completeListen(c, "yes");
    }

    private void completeListen(CaseDriver c, String spokeToCustomer) {
        String task = c.task("Task_ListenToCustomer").getId();
        if (engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee() == null) {
            engine.getTaskService().claim(task, "anna");
        }
        engine.getTaskService().complete(task, Map.of(
                "problemInCustomersWords", "Charged twice for November, account overdrawn",
                "factsGathered", "Two debits of 49 EUR on 2 Nov; bank charged a 15 EUR overdraft fee",
                "questionsAsked", "Which card? Since when?",
                "preferredContactChannel", "phone",
                "callbackNumber", "+1 555 0100",
                "discountRequested", false,
                "spokeToCustomer", spokeToCustomer));
    }

    /**
     * Listened to; the customer writes at once, and the update cycle falls due one interval later, when Anna's answer
     * (due then) is sent: both steps wait for the job executor.
     */
    private CaseDriver answerAndUpdateBothWaiting(String who) {
        CaseDriver c = open(who).listen("anna", Map.of()).customerWrites("Which card was charged twice?");
        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed"));
        c.timerFiresBeforeTheStepsAfterIt("StartEvent_UpdateIntervalPassed");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdate")).as("the update waits to be sent").isTrue();
        String answer = c.claim("Task_AnswerCustomerMessage", "anna");
        engine.getTaskService().complete(answer,
                Map.of("replyText", "The Visa card ending 4711, on 2 and 3 November."));
        assertThat(c.asyncStepWaits("Task_SendAnswer")).as("the answer waits to be sent").isTrue();
        return c;
    }

    /** Resolved; the customer replies and nobody decides by answerDueAt: the supervisors (and an update) come in. */
    private CaseDriver replyWithTheSupervisors(String who) {
        CaseDriver c = open(who).listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerWrites("It is still charged twice.");
        c.timeIs((Date) c.variable("answerDueAt")).timerFires("Event_ReplyDecisionOverdue");
        assertThat(c.messagesSent()).as("the update when the supervisors came in").containsOnlyOnce(PROGRESS_UPDATE);
        return c;
    }

    private void reopen(CaseDriver c) {
        String task = c.task("Task_DecideOnCustomerReplyAsSupervisor").getId();
        if (engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee() == null) {
            engine.getTaskService().claim(task, "maria");
        }
        engine.getTaskService().complete(task, Map.of("replyDecision", "reopen",
                "replyNote", "Still charged twice: back to Anna"));
    }

    private void assertReopenedOnce(CaseDriver c) {
        assertThat(passes(c, "Task_DecideOnCustomerReplyAsSupervisor")).as("the decision recorded").isEqualTo(1);
        assertThat(passes(c, "Task_TellCustomerWorkResumes")).as("the case reopened").isEqualTo(1);
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWithSupervisors")).as("the supervisors' cycle").isFalse();
        assertOneNextUpdate(c, "StartEvent_UpdateIntervalPassed");
        assertThat(c.openTasks()).as("the reopened case's next task").singleElement()
                .satisfies(task -> assertThat(task.getAssignee()).isEqualTo("anna"));
        assertNothingStuck(c);
    }

    private String onlyTimer(CaseDriver c, String activityId) {
        List<Job> timers = timers(c, activityId);
        assertThat(timers).as("timers at %s", activityId).hasSize(1);
        return timers.get(0).getId();
    }

    private List<Job> timers(CaseDriver c, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId()).timers()
                .activityId(activityId).list();
    }

    /** The next update is timed once, one interval after the last message to the customer. */
    private void assertOneNextUpdate(CaseDriver c, String activityId) {
        assertThat(timers(c, activityId)).as("next update timers at %s", activityId).hasSize(1);
    }

    private void assertNothingStuck(CaseDriver c) {
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(c.instance.getId()).list())
                .as("incidents").isEmpty();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId()).messages()
                .list()).as("steps left waiting").isEmpty();
    }

    private long passes(CaseDriver c, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(c.instance.getId())
                .activityId(activityId).finished().count();
    }

    /** The customer's messages in the order the dispatcher sends them (by message id). */
    private static List<MessageKind> inMailboxOrder(CaseDriver c) {
        return c.messages().stream().filter(m -> m.direction() == CustomerMessage.Direction.OUTBOUND)
                .sorted(Comparator.comparingLong(CustomerMessage::id)).map(CustomerMessage::kind).toList();
    }
}
