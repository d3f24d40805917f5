package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A supervisor in Camunda Tasklist, in a real browser: sees a callback that is past its promised time in
 * "Overdue promises" and takes it over, and approves a reimbursement above an agent's authority.
 */
@FollowThroughSpringTest
class SupervisorInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void supervisorSeesACallbackPastItsTimeInOverduePromisesAndTakesItOver() {
        // The case was worked an hour ago (test-only clock control): anna promised a call for half an hour ago.
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofHours(1))));
        // On the 24/7 plan: the supervisors get a broken promise at once only while the case's team works ("Team at
        // work?"), and this case runs in real time, for the browser: on premium it would fail from 20:00 Berlin time.
        Map<String, Object> tom = new HashMap<>(CaseDriver.caseFromJane());
        tom.put("customerName", "Tom Fischer");
        tom.put("plan", "enterprise");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, tom).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofMinutes(30));
        String callback = c.task("Task_CallCustomerBack").getId();

        // Back in real time, the browser's and the engine's: the callback is due, and the engine runs the timer.
        ClockUtil.reset();
        c.timerFires("Event_CallbackDue");
        String atRisk = c.task("Task_KeepPromiseAtRisk").getId();

        tasklist.logInAs("maria");
        assertThat(tasklist.filterNames()).contains(TasklistFilters.OVERDUE_PROMISES, TasklistFilters.APPROVALS,
                TasklistFilters.SUPERVISOR_QUEUE);
        tasklist.openFilter(TasklistFilters.OVERDUE_PROMISES).searchCase(c.reference);
        tasklist.taskCard(callback);
        tasklist.taskCard(atRisk);
        tasklist.screenshot("overdue-promises");

        tasklist.openTask("Keep the promise to Tom Fischer — " + c.reference, atRisk).claim()
                .waitForText("Case " + c.reference).waitForText("Ask billing to reverse the second debit");
        tasklist.choose("Who calls the customer now?", "I call the customer myself")
                .fill("What you did or will do to keep the promise", "Calling Tom myself now; anna is in a meeting.");
        tasklist.screenshot("take-over-form");
        tasklist.complete();

        // One step: the late callback is now maria's, still due at the time promised to Tom.
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isEqualTo("maria");
        tasklist.openFilter(TasklistFilters.MY_CALLBACKS).searchCase(c.reference).openTask("Call back Tom Fischer — " + c.reference, callback)
                .waitForText("Case " + c.reference).waitForText("How did the callback go?");
        tasklist.screenshot("my-callbacks-after-take-over");
    }

    @Test
    void supervisorApprovesAReimbursementAboveTheAgentsAuthorityFromApprovals() {
        CaseDriver c = open("Greta Hansen").listen("anna", Map.of()).diagnose("solved", "company")
                .resolve("company", 250.0).customerConfirmsTheSolution();
        String approval = c.task("Task_ApproveReimbursement").getId();

        tasklist.logInAs("maria").openFilter(TasklistFilters.APPROVALS).searchCase(c.reference);
        tasklist.taskCard(approval);
        tasklist.screenshot("approvals");
        tasklist.openTask("Approve a reimbursement for Greta Hansen — " + c.reference, approval).claim()
                .waitForText("Case " + c.reference).waitForText("Greta Hansen");
        tasklist.choose("Your decision", "Approve — reimburse the customer as proposed")
                .fill("Reason", "Our billing run charged twice; the overdraft fee is ours to pay.");
        tasklist.screenshot("approve-form");
        tasklist.complete();
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("what Greta was sent").contains(MessageKind.REIMBURSEMENT_OFFER);
        assertThat(c.variable("approvalDecision")).isEqualTo("approve");
    }

    private CaseDriver open(String customerName) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("customerName", customerName);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }
}
