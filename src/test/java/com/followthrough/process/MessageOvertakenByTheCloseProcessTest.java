package com.followthrough.process;

import static com.followthrough.communication.MessageKind.CLOSING_SUMMARY;
import static com.followthrough.communication.MessageKind.MESSAGE_RECEIVED;
import static com.followthrough.communication.MessageKind.MESSAGE_REPLY;
import static com.followthrough.communication.MessageKind.SATISFACTION_SURVEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.EngineClock;
import com.followthrough.TestPostgres;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CaseSerializer;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;

/**
 * A message and the case's close at the same moment. Anna resolved Jane's case with a reimbursement, which she is
 * still arranging beside the wait for the customer, so the quiet period's timer runs on an execution of its own. The
 * inbox finds the case open and not closing; before it correlates the message, the timer fires on the job executor's
 * thread and commits: the case is closing. The message must not then be acknowledged and answered on the case whose
 * closing summary tells the customer it is closed; it is for the closed case (the caller opens the follow-up).
 */
@ProcessTest
class MessageOvertakenByTheCloseProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired HistoryService history;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CaseSerializer serializer;
    @Autowired TransactionTemplate transaction;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;

    @Test
    void aMessageTheQuietPeriodOvertakesBeforeItIsCorrelatedIsForTheClosedCase() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 15.0);
        assertThat(c.instance).isWaitingAt("Gateway_AwaitCustomer", "Task_ArrangeReimbursement");
        c.timeIs(c.timerDueDate("Event_QuietPeriodOver"));
        CaseInbox overtaken = inboxOvertakenBeforeItsFirstCorrelation(c);

        CaseInbox.Outcome outcome = overtaken.customerWroteIn(c.reference, "One more thing: the 15 EUR fee.", "email");
        c.runAsyncSteps();

        assertThat(c.instance).hasPassed("Event_QuietPeriodOver", "Task_SendClosingSummary")
                .hasNotPassed("Task_AttachCustomerMessage", "Task_AnswerCustomerMessage");
        assertThat(outcome).as("for the closed case: the caller opens a follow-up").isEqualTo(CaseInbox.Outcome.CLOSED);
        assertThat(c.messagesSent()).contains(CLOSING_SUMMARY).doesNotContain(MESSAGE_RECEIVED);
        assertThat(c.messages()).as("nothing of it on the closing case")
                .noneMatch(m -> m.direction() == CustomerMessage.Direction.INBOUND);
    }

    /**
     * The other order. Jane replied to the solution and Anna records that she confirms it, while Jane's second message
     * is being correlated ("Customer wrote in": the case waits on Anna, not on Jane). Anna's completion found no answer
     * owed and closes; the two write the case's answersOwed, so her transaction waits for the message's and then
     * fails (optimistic locking) instead of sending the closing summary ahead of the answer. Done again, the case
     * waits for the answer and closes after it.
     */
    @Test
    void aCloseThatMeetsACorrelatedMessageIsDoneAgainAfterItAndWaitsForTheAnswer() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 15.0)
                .customerWrites("Thanks, the money is back.");
        String decision = c.task("Task_DecideOnCustomerReply").getId();
        RuntimeService runtime = engine.getRuntimeService();
        AtomicBoolean correlated = new AtomicBoolean();
        AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();
        RuntimeService meetsTheClose = (RuntimeService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RuntimeService.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("createMessageCorrelation")) {
                        correlated.set(true);
                    } else if (correlated.get() && closing.get() == null) {
                        closing.set(CompletableFuture.runAsync(() -> engine.getTaskService().complete(decision,
                                Map.of("replyDecision", "confirmed"))));
                        awaitATransactionWaitingForALock();
                    }
                    try {
                        return method.invoke(runtime, arguments);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });

        CaseInbox.Outcome outcome = new CaseInbox(meetsTheClose, history, serializer, messages, transaction, clock)
                .customerWroteIn(c.reference, "One more thing: does the 15 EUR fee come back too?", "email");

        assertThat(outcome).isEqualTo(CaseInbox.Outcome.ATTACHED);
        assertThat(closing.get()).as("the close ran beside the message").isNotNull();
        assertThatThrownByJoin(closing.get());
        c.runAsyncSteps();
        assertThat(c.instance).hasNotPassed("Gateway_ReadyToClose");
        c.complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));
        assertThat(c.instance).isWaitingAt("Event_EveryAnswerSent", "Task_AnswerCustomerMessage",
                "Task_ArrangeReimbursement");
        c.complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes, the fee comes back too."));

        assertThat(c.messagesSent()).endsWith(MESSAGE_RECEIVED, MESSAGE_REPLY, CLOSING_SUMMARY, SATISFACTION_SURVEY);
    }

    private static void assertThatThrownByJoin(CompletableFuture<Void> closing) {
        try {
            closing.join();
        } catch (CompletionException expected) {
            return;
        }
        throw new AssertionError("the close committed beside the message");
    }

    /**
     * Until another transaction waits for a row this one wrote (at most a few seconds: a close that writes nothing
     * the message wrote never waits, and the test then finds both committed).
     */
    private void awaitATransactionWaitingForALock() {
        String waiting = TestPostgres.isTheTestDatabase()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(5));
        while (jdbc.sql(waiting).query(Long.class).single() == 0 && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
        }
    }

    /**
     * The application's inbox, on an engine whose quiet period is over, committed by another thread, the moment the
     * inbox first correlates a message to the case: after it has looked at the case.
     */
    private CaseInbox inboxOvertakenBeforeItsFirstCorrelation(CaseDriver c) {
        RuntimeService runtime = engine.getRuntimeService();
        String quietPeriodOver = engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId())
                .activityId("Event_QuietPeriodOver").singleResult().getId();
        AtomicBoolean fired = new AtomicBoolean();
        RuntimeService overtaken = (RuntimeService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RuntimeService.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("createMessageCorrelation") && fired.compareAndSet(false, true)) {
                        CompletableFuture.runAsync(() -> engine.getManagementService().executeJob(quietPeriodOver))
                                .join();
                    }
                    try {
                        return method.invoke(runtime, arguments);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
        return new CaseInbox(overtaken, history, serializer, messages, transaction, clock);
    }
}
