package com.followthrough.process;

import static com.followthrough.communication.MessageKind.ACKNOWLEDGMENT;
import static com.followthrough.communication.MessageKind.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.followthrough.HeldTransaction;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MailDispatcher;
import com.followthrough.communication.TestMailServer;
import com.followthrough.promise.Promises;

import jakarta.mail.internet.MimeMessage;

/**
 * A step that writes to the customer runs twice at once: the job executor took "Tell the customer how it was solved"
 * again while its first run was still going (the run outlasted the job's lock, or the clock jumped past it, as
 * ManualPictures' clock once did). Both runs compose and record the resolution; the second to commit fails on the
 * job's revision (OptimisticLockingException) and is rolled back whole, message and all. The customer gets the
 * resolution once: one message on the case, one mail, one line in the log (where a person reads the message when
 * no mail server is set).
 */
@ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class MessageOfAStepRunTwiceProcessTest {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired MailDispatcher dispatcher;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void mailServerUp() {
        // What other test classes left in the shared database goes out first, so the server holds only this test's.
        TestMailServer.start();
        dispatcher.deliverDue();
        TestMailServer.start();
    }

    @AfterEach
    void mailServerDown() {
        TestMailServer.stop();
    }

    @Test
    void theResolutionOfAStepRunTwiceAtOnceReachesTheCustomerOnce(CapturedOutput log) throws Exception {
        String email = "twice-" + CUSTOMERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
        CaseDriver c = readyToResolve(email);
        resolve(c);
        String job = engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId())
                .activityId("Task_TellCustomerSolution").singleResult().getId();
        int logBefore = log.getAll().length();

        try (HeldTransaction firstRun = HeldTransaction.of(transactions, jdbc,
                () -> engine.getManagementService().executeJob(job))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(job))
                    .as("the second run meets the first one's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(firstRun.someoneWaited()).as("the second run waited for the first one's commit").isTrue();
        }
        c.runAsyncSteps();

        List<CustomerMessage> resolutions = c.messages().stream().filter(m -> m.kind() == RESOLUTION).toList();
        assertThat(resolutions).as("resolution messages on the case").hasSize(1);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(c.instance.getId()).activityId("Task_TellCustomerSolution").finished().count())
                .as("the step ran once, as far as the case knows").isEqualTo(1);

        dispatcher.deliverDue();
        List<String> mailed = new ArrayList<>();
        for (MimeMessage mail : TestMailServer.receivedBy(email)) {
            mailed.addAll(List.of(mail.getHeader("Message-ID")));
        }
        assertThat(mailed).as("the mails the customer got (the acknowledgment, the resolution)").containsExactly(
                c.messages().stream().filter(m -> m.kind() == ACKNOWLEDGMENT).findFirst().orElseThrow().messageId(),
                resolutions.get(0).messageId());

        Matcher logged = Pattern.compile("Message (\\d+) \\(resolution\\) for case " + Pattern.quote(c.reference)
                + " to ").matcher(log.getAll().substring(logBefore));
        List<Long> loggedIds = logged.results().map(found -> Long.parseLong(found.group(1))).toList();
        assertThat(loggedIds).as("resolutions the log says were recorded for the customer")
                .containsExactly(resolutions.get(0).id());
    }

    /**
     * ManualPictures' shape: the agent resolves the case while the progress-update timer fires on the same case. The
     * timer's job commits second, fails on the case the completion changed, and the job executor fires it again
     * after. Neither transaction writes to the customer itself (the resolution waits for a job of its own), so the
     * retry adds nothing twice.
     */
    @Test
    void aTimerThatClashesWithTheResolutionAndFiresAgainSendsNothingTwice() throws Exception {
        CaseDriver c = readyToResolve("clash-" + CUSTOMERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org");
        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed"));
        String timer = engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId())
                .activityId("StartEvent_UpdateIntervalPassed").singleResult().getId();

        try (HeldTransaction completion = HeldTransaction.of(transactions, jdbc, () -> resolve(c))) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(timer))
                    .as("the timer meets the completion's commit").isInstanceOf(OptimisticLockingException.class);
            assertThat(completion.someoneWaited()).as("the timer waited for the completion's commit").isTrue();
        }
        // The engine has timed the cycle's next firing already; the job executor runs the failed one again.
        engine.getManagementService().executeJob(timer);
        c.asyncStepRuns("Task_TellCustomerSolution").runAsyncSteps();

        assertThat(c.messagesSent()).as("what the customer got").doesNotHaveDuplicates()
                .containsOnlyOnce(ACKNOWLEDGMENT, RESOLUTION);
    }

    private CaseDriver readyToResolve(String email) {
        Map<String, Object> jane = new HashMap<>(CaseDriver.caseFromJane());
        jane.put("customerEmail", email);
        return CaseDriver.open(engine, inbox, messages, promises, jane).listen("anna", Map.of())
                .diagnose("solved", "company");
    }

    /** Anna resolves the case; "Tell the customer how it was solved" waits for the job executor. */
    private void resolve(CaseDriver c) {
        engine.getTaskService().complete(c.task("Task_ResolveProblem").getId(), Map.of(
                "resolutionSummary", "The second debit was reversed", "faultParty", "company",
                "customerCost", 0.0, "costOfTheMiss", 0.0));
    }
}
