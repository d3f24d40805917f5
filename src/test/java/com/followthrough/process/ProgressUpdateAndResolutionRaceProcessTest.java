package com.followthrough.process;

import static com.followthrough.communication.MessageKind.ACKNOWLEDGMENT;
import static com.followthrough.communication.MessageKind.CLOSING_SUMMARY;
import static com.followthrough.communication.MessageKind.MESSAGE_RECEIVED;
import static com.followthrough.communication.MessageKind.MESSAGE_REPLY;
import static com.followthrough.communication.MessageKind.SATISFACTION_SURVEY;
import static com.followthrough.communication.MessageKind.PROGRESS_UPDATE;
import static com.followthrough.communication.MessageKind.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
 * A progress update ("we are still working on it") and the resolution ("your problem is solved") of one case run at
 * the same moment, with the job executor off and the jobs run by hand in a chosen order. The update's step asks
 * whether it is still due, but cannot see a resolution (or last answer) whose transaction is still open; what keeps
 * the customer from reading "still working on it" after "solved" is that the two meet on the case's executions, and
 * the one that commits second is rolled back whole. Also the progress-update timer that failed on a clash, which
 * leaves two timers for a while: the customer gets one update an interval.
 */
@ProcessTest
class ProgressUpdateAndResolutionRaceProcessTest {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired CaseDeadlines deadlines;

    /** The update timer that {@link #updateTimerFailedOnAClash} made fail. */
    private String failedTimer;

    /**
     * The update checked the case before the resolution was recorded and commits after it: it meets the resolution's
     * end of "Work on the solution" and is rolled back; the customer's last word is the resolution.
     */
    @Test
    void anUpdateThatWouldCommitAfterTheResolutionIsNotSent() throws Exception {
        CaseDriver c = updateAndResolutionBothWaiting();

        try (HeldTransaction resolution = HeldTransaction.of(transactions, jdbc,
                () -> c.asyncStepRuns("Task_TellCustomerSolution"))) {
            assertThatThrownBy(() -> c.asyncStepRuns("Task_SendProgressUpdate"))
                    .as("the update meets the resolution's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(resolution.someoneWaited()).as("the update waited for the resolution's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out")
                .containsExactly(ACKNOWLEDGMENT, RESOLUTION);
        assertThat(c.asyncStepWaits("Task_SendProgressUpdate")).as("an update still waiting").isFalse();
    }

    /**
     * The update commits a moment before the resolution: it was true when it went out, and the resolution, which
     * meets it and is done again, follows it. The customer reads "still working on it", then "solved".
     */
    @Test
    void anUpdateThatCommitsFirstGoesOutBeforeTheResolution() throws Exception {
        CaseDriver c = updateAndResolutionBothWaiting();

        try (HeldTransaction update = HeldTransaction.of(transactions, jdbc,
                () -> c.asyncStepRuns("Task_SendProgressUpdate"))) {
            assertThatThrownBy(() -> c.asyncStepRuns("Task_TellCustomerSolution"))
                    .as("the resolution meets the update's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(update.someoneWaited()).as("the resolution waited for the update's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out")
                .containsExactly(ACKNOWLEDGMENT, PROGRESS_UPDATE, RESOLUTION);
    }

    /**
     * The progress-update timer clashes with another step of the case and fails; the engine times the cycle's next
     * firing at once and runs the failed one again. The one it runs again sends the update; the next firing, one
     * interval later, finds the customer heard from us and sends the next update only if a whole interval passed.
     */
    @Test
    void aTimerThatFailsAndIsRunAgainSendsOneUpdateAnInterval() throws Exception {
        CaseDriver c = updateTimerFailedOnAClash();
        List<Job> timers = updateTimers(c);
        assertThat(timers).as("timers at StartEvent_UpdateIntervalPassed after the clash").hasSize(2);
        Job failed = timers.stream().filter(t -> t.getId().equals(failedTimer)).findFirst().orElseThrow();
        Job next = timers.stream().filter(t -> t != failed).findFirst().orElseThrow();

        engine.getManagementService().executeJob(failed.getId());
        c.runAsyncSteps();
        assertThat(c.messagesSent()).as("what the customer got from the failed firing run again")
                .containsOnlyOnce(PROGRESS_UPDATE);
        assertThat(updateTimers(c)).as("timers after the failed one ran again").extracting(Job::getId)
                .containsExactly(next.getId());
        assertThat(next.getDuedate()).as("the next firing, timed when the first failed")
                .isEqualTo(c.oneUpdateIntervalFromNow(deadlines));

        c.timeIs(next.getDuedate());
        engine.getManagementService().executeJob(next.getId());
        c.runAsyncSteps();
        List<CustomerMessage> updates = c.messages().stream().filter(m -> m.kind() == PROGRESS_UPDATE).toList();
        assertThat(updates).as("updates after the next firing").hasSize(2);
        assertThat(updateTimers(c)).as("timers after the next firing").hasSize(1);
    }

    /**
     * Both timers at StartEvent_UpdateIntervalPassed fell due before the job executor ran either (it was stopped): both
     * find the customer waiting, and their two send steps run at once. The customer gets one update.
     */
    @Test
    void twoTimersDueTogetherSendOneUpdate() throws Exception {
        CaseDriver c = updateTimerFailedOnAClash();
        List<Job> timers = updateTimers(c);
        assertThat(timers).as("timers at StartEvent_UpdateIntervalPassed after the clash").hasSize(2);
        c.timeIs(timers.stream().map(Job::getDuedate).max(Comparator.naturalOrder()).orElseThrow());
        timers.forEach(timer -> engine.getManagementService().executeJob(timer.getId()));
        List<String> sends = engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId())
                .activityId("Task_SendProgressUpdate").list().stream().map(Job::getId).toList();
        assertThat(sends).as("send steps waiting").hasSize(2);

        try (HeldTransaction first = HeldTransaction.of(transactions, jdbc,
                () -> engine.getManagementService().executeJob(sends.get(0)))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(sends.get(1)))
                    .as("the second send step meets the first one's commit")
                    .isInstanceOf(OptimisticLockingException.class);
            assertThat(first.someoneWaited()).as("the second send step waited for the first one's commit").isTrue();
        }
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("what the customer got").containsOnlyOnce(PROGRESS_UPDATE);
    }

    /**
     * {@link CaseDriver#timerFires} after the clash, as the job executor would run the timers: it fires the failed
     * timer, which is due, and leaves the next firing waiting until it is due too. It used to expect one timer and
     * failed the test.
     */
    @Test
    void theDriverFiresTheTimersLeftByAClashWhenEachIsDue() throws Exception {
        CaseDriver c = updateTimerFailedOnAClash();
        Job next = updateTimers(c).stream().filter(t -> !t.getId().equals(failedTimer)).findFirst().orElseThrow();

        c.timerFires("StartEvent_UpdateIntervalPassed");
        assertThat(c.messagesSent()).as("what the customer got from the failed firing")
                .containsOnlyOnce(PROGRESS_UPDATE);
        assertThat(updateTimers(c)).as("timers after it").extracting(Job::getId).containsExactly(next.getId());

        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).as("the next firing")
                .isEqualTo(next.getDuedate());
        c.timeIs(next.getDuedate()).timerFires("StartEvent_UpdateIntervalPassed");
        assertThat(c.messages()).as("updates after the next firing").filteredOn(m -> m.kind() == PROGRESS_UPDATE)
                .hasSize(2);
        assertThat(updateTimers(c)).as("timers after the next firing").hasSize(1);
    }

    /**
     * As {@link #twoTimersDueTogetherSendOneUpdate}, through {@link CaseDriver}: the due date it gives is the later
     * one's, and at it both timers fire; the customer gets one update, and one timer is left.
     */
    @Test
    void theDriverFiresBothTimersLeftByAClashWhenBothAreDue() throws Exception {
        CaseDriver c = updateTimerFailedOnAClash();
        Date later = updateTimers(c).stream().map(Job::getDuedate).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).as("the later firing").isEqualTo(later);

        c.timeIs(later).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(c.messagesSent()).as("what the customer got").containsOnlyOnce(PROGRESS_UPDATE);
        assertThat(updateTimers(c)).as("timers after both fired").hasSize(1);
    }

    /**
     * Resolved with an answer owed, the update waits to be sent when the answer goes out: the update checks the case
     * while the answer's transaction is still open, and commits after it.
     */
    @Test
    void anUpdateThatWouldCommitAfterTheLastAnswerWhileResolvedIsNotSent() throws Exception {
        CaseDriver c = diagnosed("answer").customerWrites("Will the 15 EUR overdraft fee come back too?")
                .timePasses(Duration.ofMinutes(30)).resolve("company", 0);
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines))
                .timerFiresBeforeTheStepsAfterIt("Event_UpdateIntervalPassedWhileResolved");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateWhileResolved")).as("the update is queued").isTrue();
        engine.getTaskService().complete(c.task("Task_AnswerCustomerMessage").getId(),
                Map.of("replyText", "Yes: the fee comes back with the refund, by Friday."));

        answerAndUpdateAtOnce(c, "Task_SendProgressUpdateWhileResolved");

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out")
                .containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED, RESOLUTION, MESSAGE_REPLY);
    }

    /** As above, in the wait for every answer before the case closes. */
    @Test
    void anUpdateThatWouldCommitAfterTheLastAnswerBeforeTheCloseIsNotSent() throws Exception {
        CaseDriver c = diagnosed("close").resolve("company", 0).customerWrites("Thanks, the money is back.")
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines))
                .timerFiresBeforeTheStepsAfterIt("Event_UpdateIntervalPassedBeforeClose");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateBeforeClose")).as("the update is queued").isTrue();
        engine.getTaskService().complete(c.task("Task_AnswerCustomerMessage").getId(),
                Map.of("replyText", "Yes: the fee comes back with the refund, by Friday."));

        answerAndUpdateAtOnce(c, "Task_SendProgressUpdateBeforeClose");

        assertThat(inMailboxOrder(c)).as("what the customer got, in the order it goes out").containsExactly(
                ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, MESSAGE_RECEIVED, MESSAGE_REPLY, CLOSING_SUMMARY,
                SATISFACTION_SURVEY);
    }

    /**
     * The answer's step runs and holds its transaction; the update's step runs meanwhile, meets the answer's commit
     * and is rolled back; then the job executor runs what waits, the update again among it.
     */
    private void answerAndUpdateAtOnce(CaseDriver c, String updateStep) throws Exception {
        try (HeldTransaction answer = HeldTransaction.of(transactions, jdbc,
                () -> c.asyncStepRuns("Task_SendAnswer"))) {
            assertThatThrownBy(() -> c.asyncStepRuns(updateStep))
                    .as("the update meets the answer's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(answer.someoneWaited()).as("the update waited for the answer's commit").isTrue();
        }
        c.runAsyncSteps();
    }

    /** Listened to, diagnosed: the update interval passes, the update waits to be sent, and Anna resolves the case. */
    private CaseDriver updateAndResolutionBothWaiting() {
        CaseDriver c = diagnosed("race");
        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed"));
        c.timerFiresBeforeTheStepsAfterIt("StartEvent_UpdateIntervalPassed");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdate")).as("the update waits to be sent").isTrue();
        resolve(c);
        assertThat(c.asyncStepWaits("Task_TellCustomerSolution")).as("the resolution waits to be sent").isTrue();
        return c;
    }

    /**
     * The update timer fires while the resolution-target check of the same case commits: it meets the check's
     * change of the case and fails.
     */
    private CaseDriver updateTimerFailedOnAClash() throws Exception {
        CaseDriver c = diagnosed("clash");
        c.timeIs(c.timerDueDate("StartEvent_ResolutionTargetPassed"));
        String timer = updateTimers(c).get(0).getId();
        failedTimer = timer;
        try (HeldTransaction check = HeldTransaction.of(transactions, jdbc,
                () -> c.timerFiresBeforeTheStepsAfterIt("StartEvent_ResolutionTargetPassed"))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(timer))
                    .as("the update timer meets the check's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(check.someoneWaited()).as("the update timer waited for the check's commit").isTrue();
        }
        assertThat(c.messagesSent()).as("what the customer got before").doesNotContain(PROGRESS_UPDATE);
        return c;
    }

    private List<Job> updateTimers(CaseDriver c) {
        return engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId()).timers()
                .activityId("StartEvent_UpdateIntervalPassed").list();
    }

    private CaseDriver diagnosed(String who) {
        Map<String, Object> jane = new HashMap<>(CaseDriver.caseFromJane());
        jane.put("customerEmail", who + "-" + CUSTOMERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org");
        return CaseDriver.open(engine, inbox, messages, promises, jane).listen("anna", Map.of())
                .diagnose("solved", "company");
    }

    /** The customer's messages in the order the dispatcher sends them (by message id). */
    private static List<MessageKind> inMailboxOrder(CaseDriver c) {
        return c.messages().stream().filter(m -> m.direction() == CustomerMessage.Direction.OUTBOUND)
                .sorted(Comparator.comparingLong(CustomerMessage::id)).map(CustomerMessage::kind).toList();
    }

    private void resolve(CaseDriver c) {
        engine.getTaskService().complete(c.task("Task_ResolveProblem").getId(), Map.of(
                "resolutionSummary", "The second debit was reversed", "faultParty", "company",
                "customerCost", 0.0, "costOfTheMiss", 0.0));
    }
}
