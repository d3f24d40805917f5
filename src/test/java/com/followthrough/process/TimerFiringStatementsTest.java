package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.H2Statements;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;

/**
 * What one escalation costs the database when its timer fires, counted by H2 itself (its query statistics, which
 * count the commit too): the benchmark's timer storm fires thousands of these at once (issue 16), so a change that
 * makes a firing send more statements fails here as "N more", a figure no machine load can blur. docs/benchmarks.md
 * has the breakdown. Lower a figure when a change saves statements; never raise it without saying why.
 */
@FollowThroughSpringTest
class TimerFiringStatementsTest {

    /**
     * "First response due": the supervisors' "Give the customer a first response", with its context (the benchmark's
     * datasource-proxy sees 4 fewer: H2 counts the commit and the session's own statements too). Was 44 while every
     * task got the shown copies of all the case's texts, which its form does not place; 39 while the case's
     * {@code firstResponseState}, which the escalation sets, was written with history (ACT_HI_VARINST, ACT_HI_DETAIL);
     * 37 while every task got {@code supportTimeZone}, which only the forms with a time field name (this one has none);
     * 36 while the task's header was written when it was created, with its reads of the case's promises and messages,
     * instead of computed when its form is read (tasklist.CaseTaskForm); 33 while the list showed four
     * columns, a task variable each, instead of two (organization.ListColumn). 31 before the supervisors' task got its
     * own timer that brings in the administrators (Event_FirstResponseStillNotGiven): the task became a scope with an
     * execution of its own, and the timer is a job (ACT_RU_JOB, its job definition read, ACT_HI_JOB_LOG), 4 more.
     * 35 before the task and the administrators' step moved into a sub-process whose end terminates both
     * (SubProcess_SupervisorsGiveFirstResponse): its execution and the history of it and its start event, 3 more; and
     * the subscription of its boundary that ends it when someone else speaks to the customer first, 1 more.
     * 39 before the task got the discount tick (DiscountRequests): its task-local {@code discountRequested}, false
     * until ticked, with history (ACT_RU_VARIABLE, ACT_HI_VARINST, ACT_HI_DETAIL), 3 more, and the form's flag
     * {@code discountRequestsTraced}, without history (TaskContextHistory), 1 more. 43 while the engine wrote the
     * supervisors a grant on the task (its select and insert in ACT_RU_AUTHORIZATION) that their grant on every task
     * already gives them (access.FormerAssigneesLoseTheTask).
     */
    static final int FIRST_RESPONSE_DUE = 41;
    /**
     * "Callback due": the promise recorded broken, and "Keep the promise at risk" for the supervisors with its context.
     * Was 76 while that list of colleagues was written with history, 72 while the
     * task got the shown copies of all the case's texts (its form places none), 62 while the escalation brought the
     * case a null {@code customerQuestion} nobody asked (KeepPromiseVariables), 59 while the header was written when the
     * task was created (its reads of the case's promises and messages and of the owner's name, the variable and its
     * {@code supportTimeZone}) instead of computed when its form is read, 54 while the list's columns were four task
     * variables instead of two, 52 while the colleagues its form offers were read from the groups and written to the
     * task (a Json variable and its byte array) instead of read with the form, 48 while "Keep the promise at risk"
     * was a step of the case, reached by an escalation out of KeepPromise that passed the call activity's outputs to
     * the case (runtime and two history rows each) and grew the case's execution tree as well as KeepPromise's.
     * 34 before the step moved into the sub-process "Supervisors keep the promise at risk", which the call made
     * withdraws, so a promise never has two open (SubProcess_KeepPromiseAtRisk): its execution and the history of it
     * and its start event, 3 more; and the subscription of its boundary "Call made", 1 more. 38 before the task's
     * note started empty (FreshFields): its task-local {@code supervisorAction}, without history (TaskContextHistory),
     * 1 more, so a second step on one promise does not open with the first one's note. 39 while "Record the promise
     * broken" asked the callback tasks who held the call (a task query) instead of reading it from the promise, which
     * names its caller as the callback changes hands (PromiseFollowsTheCallback). 38 while the engine wrote the
     * supervisors (or the administrators) a grant on the task, a select and an insert, that their grant on every task
     * (or their being administrators) already gives them (access.FormerAssigneesLoseTheTask).
     */
    static final int CALLBACK_DUE = 36;

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired JdbcClient jdbc;
    private H2Statements h2;

    @BeforeEach
    void startOnMondayMorning() {
        h2 = new H2Statements(jdbc);
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        h2.stop();
    }

    @Test
    void firingAFirstResponseEscalationSendsNoMoreStatementsThanMeasured() throws Exception {
        firing(CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()), "Event_FirstResponseDue");
        CaseDriver unanswered = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());

        long statements = firing(unanswered, "Event_FirstResponseDue");

        assertThat(unanswered.task("Task_GiveFirstResponse").getName()).contains(unanswered.reference);
        assertThat(statements).as("SQL statements in one firing of Event_FirstResponseDue:%n%s", h2.sent())
                .isBetween(1L, (long) FIRST_RESPONSE_DUE);
    }

    @Test
    void firingABrokenCallbackPromiseSendsNoMoreStatementsThanMeasured() throws Exception {
        firing(promisedCallback(), "Event_CallbackDue");
        CaseDriver promised = promisedCallback();

        long statements = firing(promised, "Event_CallbackDue");

        assertThat(promised.task("Task_KeepPromiseAtRisk").getName()).contains(promised.reference);
        assertThat(statements).as("SQL statements in one firing of Event_CallbackDue:%n%s", h2.sent())
                .isBetween(1L, (long) CALLBACK_DUE);
    }

    private CaseDriver promisedCallback() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .timePasses(Duration.ofMinutes(10)).listen("anna", java.util.Map.of())
                .diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2));
    }

    /**
     * Runs the case's timer on {@code activityId} once it is due, as the job executor would; its statements. Each test
     * fires a first case's timer before the one it counts: a node reads a task's form once (formcheck.TaskForms),
     * as in a storm, where the first firing of thousands reads it.
     */
    private long firing(CaseDriver c, String activityId) throws Exception {
        Job timer = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                .list().stream()
                .flatMap(instance -> engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                        .activityId(activityId).timers().list().stream())
                .findFirst().orElseThrow();
        c.timeIs(timer.getDuedate());
        return h2.during(() -> engine.getManagementService().executeJob(timer.getId()));
    }
}
