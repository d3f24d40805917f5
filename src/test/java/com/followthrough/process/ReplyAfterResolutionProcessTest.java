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
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * "Reopen and confirm, for real" (issue 12): the resolution mail says "just reply ... we will pick it up again at
 * once", so a reply to a resolved case reaches the owner as a decision, and the quiet period cannot close the case
 * while that reply is unhandled. Supervisors who leave the decision for one update interval of the plan's working time
 * bring in the administrators; the decision stays with the supervisors' task, which an administrator may complete.
 */
@ProcessTest
class ReplyAfterResolutionProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired JdbcClient jdbc;
    @Autowired CaseDeadlines deadlines;

    private CaseDriver resolved() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0);
    }

    @Test
    void replyToAResolvedCaseReachesTheOwnerAndTheQuietPeriodNoLongerClosesIt() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.");

        c.timePasses(Duration.ofDays(8));

        assertThat(c.hasTimer("Event_QuietPeriodOver")).isFalse();
        assertThat(c.instance).isNotEnded().hasPassed("Event_CustomerReplied", "Task_AcknowledgeCustomerReply")
                .hasNotPassed("Task_SendClosingSummary");
        assertThat(c.task("Task_DecideOnCustomerReply")).isAssignedTo("anna")
                .hasDueDate((Date) c.variable("answerDueAt"));
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED);
    }

    /**
     * The quiet period is over: the case closes, and its closing summary waits for the job executor. The customer was
     * told the case closes then (closesAt, in the resolution mail), so a message now is for a closed case: the case
     * takes nothing (the caller opens a follow-up that a person answers, as just after the close), and nobody answers
     * it on a case whose closing summary then tells the customer it is closed.
     */
    @Test
    void aMessageOnceTheQuietPeriodIsOverIsForTheClosedCaseAndNotAnsweredOnIt() {
        CaseDriver c = resolved();
        c.timeIs(c.timerDueDate("Event_QuietPeriodOver")).timerFiresBeforeTheStepsAfterIt("Event_QuietPeriodOver");

        CaseInbox.Outcome outcome = inbox.customerWroteIn(c.reference, "One more thing: the 15 EUR fee.", "email");
        c.runAsyncSteps();

        assertThat(outcome).as("for a closed case: the caller opens a follow-up").isEqualTo(CaseInbox.Outcome.CLOSED);
        assertThat(c.instance).isEnded().hasPassed("Task_SendClosingSummary")
                .hasNotPassed("Task_AttachCustomerMessage", "Task_AnswerCustomerMessage");
        assertThat(c.messagesSent()).contains(CLOSING_SUMMARY).doesNotContain(MESSAGE_RECEIVED, MESSAGE_REPLY);
        assertThat(c.messages()).as("nothing of it on the closed case")
                .noneMatch(m -> m.direction() == CustomerMessage.Direction.INBOUND);
    }

    @Test
    void ownerWhoReopensGoesBackToWorkAndTheCustomerIsTold() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement"));

        assertThat(c.instance).hasPassed("Gateway_ReopenCase", "Task_TellCustomerWorkResumes")
                .isWaitingAt("Task_DiagnoseProblem");
        assertThat(c.task("Task_DiagnoseProblem")).isAssignedTo("anna");
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, CASE_REOPENED);
        assertThat(c.caseFact(jdbc, "reopened")).as("insights count the reopening").isEqualTo(1);
    }

    /**
     * Who decides on the reply writes down what the customer says is still wrong; whoever works on the reopened case
     * reads it in the case header of the next step. The note used to stay on the case, shown on no form.
     */
    @Test
    void whatTheCustomerSaysIsStillWrongReachesWhoWorksOnTheReopenedCase() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement, dated 12 Nov"));

        assertThat(header(c.task("Task_DiagnoseProblem"))).as("the reopened case's next step shows why")
                .contains("#### Note on the last reply to the solution",
                        "Second debit still on the statement, dated 12 Nov");
    }

    /**
     * A second reply to the solution asks afresh: Tasklist fills a form's fields from the case's variables of the same
     * name, so the second "Decide on the customer's reply" opened with the first one's note filled in, ready to be
     * submitted as the second's. The header still shows that note, as the note on the last reply.
     */
    @Test
    void aSecondReplyToTheSolutionOpensWithAnEmptyNoteAndTheHeaderShowsTheFirst() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement"))
                .diagnose("solved", "company").resolve("company", 0).customerWrites("Still charged twice!");

        Task second = c.task("Task_DecideOnCustomerReply");
        assertThat(engine.getFormService().getTaskFormVariables(second.getId()).getValue("replyNote", String.class))
                .as("the second decision's note starts empty").isNullOrEmpty();
        assertThat(header(second)).contains("Second debit still on the statement");

        engine.getFormService().submitTaskForm(second.getId(), Map.of("replyDecision", "reopen",
                "replyNote", "The bank shows it again"));
        c.runAsyncSteps();
        assertThat(header(c.task("Task_DiagnoseProblem"))).as("the form's note reaches the case")
                .contains("The bank shows it again").doesNotContain("Second debit");
    }

    /**
     * The decision is made afresh too: the second reply opened with the last decision ("reopen") chosen, which a
     * supervisor or owner could submit without reading the customer's new reply.
     */
    @Test
    void aSecondReplyToTheSolutionOpensWithNoDecisionChosen() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"))
                .diagnose("solved", "company").resolve("company", 0).customerWrites("Thanks, it is gone now.");

        Task second = c.task("Task_DecideOnCustomerReply");
        assertThat(engine.getFormService().getTaskFormVariables(second.getId()).getValue("replyDecision", String.class))
                .as("the second decision starts unchosen").isNullOrEmpty();

        engine.getFormService().submitTaskForm(second.getId(), Map.of("replyDecision", "confirmed"));
        c.runAsyncSteps();
        assertThat(c.instance).isEnded().hasPassed("Task_SendClosingSummary");
    }

    private String header(Task task) {
        return engine.getFormService().getTaskFormVariables(task.getId()).getValue("caseHeader", String.class);
    }

    @Test
    void customerWhoRepliesThatAllIsWellHasTheCaseClosedByTheOwnersDecision() {
        CaseDriver c = resolved().customerWrites("Thanks, the money is back.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));

        assertThat(c.instance).isEnded().hasPassed("Gateway_NoReplyWaiting", "Task_SendClosingSummary", "EndEvent_CaseClosed");
    }

    /**
     * A second message while the owner decides on the reply is answered on its own task ("Customer wrote in"), and its
     * acknowledgment told the customer who answers by when. The owner records that the customer confirms: the case
     * closes after that answer has gone out, so the customer reads the answer and then "your case is closed", not the
     * other way round.
     */
    @Test
    void aMessageWhileTheReplyIsDecidedIsAnsweredBeforeTheClosingSummary() {
        CaseDriver c = resolved().customerWrites("Thanks, the money is back.").timePasses(Duration.ofMinutes(5))
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .timePasses(Duration.ofMinutes(10))
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"))
                .timePasses(Duration.ofMinutes(30))
                .complete("Task_AnswerCustomerMessage", null,
                        Map.of("replyText", "Yes: the fee comes back with the refund, by Friday."));

        assertThat(c.messagesSent()).as("what the customer gets, in order").containsExactly(ACKNOWLEDGMENT, RESOLUTION,
                MESSAGE_RECEIVED, MESSAGE_RECEIVED, MESSAGE_REPLY, CLOSING_SUMMARY, SATISFACTION_SURVEY);
        assertThat(c.instance).hasPassed("Gateway_AnswerOwed", "Event_EveryAnswerSent", "Task_SendClosingSummary")
                .isEnded();
    }

    /** The case waits for the answer, not for the customer: until it is sent nothing closes, and then it closes. */
    @Test
    void aCaseTheCustomerConfirmsWaitsForTheAnswerItOwesThemAndTakesMessagesMeanwhile() {
        CaseDriver c = resolved().customerWrites("Thanks, the money is back.").timePasses(Duration.ofMinutes(5))
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));

        assertThat(c.instance).isWaitingAt("Event_EveryAnswerSent").hasNotPassed("Gateway_ReadyToClose");
        assertThat(c.messagesSent()).doesNotContain(CLOSING_SUMMARY);
        assertThat(c.customerWrites("And the statement, will it show the correction?").openTasks())
                .extracting(t -> t.getTaskDefinitionKey()).as("each message its own answer")
                .containsOnly("Task_AnswerCustomerMessage");
        assertThat(c.openTasks()).hasSize(2);

        answer(c, "Yes, the fee comes back with the refund.");
        assertThat(c.instance).as("one answer still owed").isWaitingAt("Event_EveryAnswerSent");
        assertThat(c.messagesSent()).doesNotContain(CLOSING_SUMMARY);
        answer(c, "Yes, the statement shows the correction next month.");

        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, MESSAGE_RECEIVED,
                MESSAGE_RECEIVED, MESSAGE_REPLY, MESSAGE_REPLY, CLOSING_SUMMARY, SATISFACTION_SURVEY);
        assertThat(c.instance).isEnded();
    }

    /**
     * Once the case only waits for the answers it owes before it closes, it is closing: a reopening then is for the
     * closed case (the caller opens a follow-up, as just after the close), not one more message answered before
     * "your case is closed"; a confirmation without a note needs nothing. A message still gets its answer.
     */
    @Test
    void aReopeningWhileTheCaseWaitsToCloseIsForTheClosedCaseNotAnAnswerBeforeTheClose() {
        CaseDriver c = resolved().customerWrites("Thanks, the money is back.").timePasses(Duration.ofMinutes(5))
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));

        assertThat(inbox.customerAsksToReopen(c.reference, "The fee is still not back.", outcome -> { }))
                .isEqualTo(CaseInbox.Outcome.CLOSED);
        assertThat(inbox.customerConfirms(c.reference, "", outcome -> { })).isEqualTo(CaseInbox.Outcome.CLOSED);
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).as("only the answer owed before")
                .containsExactly("Task_AnswerCustomerMessage");
        assertThat(c.instance).isWaitingAt("Event_EveryAnswerSent");
    }

    /** The owner answers the first of the open messages. */
    private void answer(CaseDriver c, String replyText) {
        engine.getTaskService().complete(c.openTasks().get(0).getId(), Map.of("replyText", replyText));
        c.runAsyncSteps();
    }

    @Test
    void replyNobodyDecidesOnInTimeGoesToASupervisor() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.");

        c.timeIs((Date) c.variable("answerDueAt")).timerFires("Event_ReplyDecisionOverdue");

        assertThat(c.task("Task_DecideOnCustomerReplyAsSupervisor")).hasCandidateGroup("supervisors");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_DecideOnCustomerReply");
        c.complete("Task_DecideOnCustomerReplyAsSupervisor", "maria", Map.of("replyDecision", "reopen",
                "replyNote", "The refund reached the old card, which is closed"));

        assertThat(c.instance).hasPassed("Gateway_ReplyDecided").isWaitingAt("Task_DiagnoseProblem");
        assertThat(header(c.task("Task_DiagnoseProblem"))).as("the owner reads what the supervisor noted")
                .contains("The refund reached the old card, which is closed");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisor brought in")
                .isEqualTo(1);
    }

    private CaseDriver replyWithTheSupervisors() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.");
        return c.timeIs((Date) c.variable("answerDueAt")).timerFires("Event_ReplyDecisionOverdue");
    }

    @Test
    void replyTheSupervisorsDoNotDecideOnInTimeBringsInTheAdministrators() {
        CaseDriver c = replyWithTheSupervisors();
        Date window = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_SupervisorReplyDecisionOverdue")).isEqualTo(window);

        c.timeIs(window).timerFires("Event_SupervisorReplyDecisionOverdue");

        assertThat(c.task("Task_GetCustomerReplyDecided")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_DecideOnCustomerReplyAsSupervisor")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        c.complete("Task_GetCustomerReplyDecided", "admin",
                Map.of("chaseNote", "Asked Maria to decide within the hour"));
        assertThat(c.instance).hasPassed("EndEvent_ReplyDecisionChased")
                .isWaitingAt("Task_DecideOnCustomerReplyAsSupervisor");
        assertThat(c.instance).as("nothing decided for the supervisors").hasNotPassed("Gateway_ReplyDecided");

        c.complete("Task_DecideOnCustomerReplyAsSupervisor", "admin", Map.of("replyDecision", "reopen"));
        assertThat(c.instance).hasPassed("Task_TellCustomerWorkResumes").isWaitingAt("Task_DiagnoseProblem");
        assertThat(c.messagesSent()).contains(CASE_REOPENED);
    }

    @Test
    void supervisorsWhoDecideAfterTheAdministratorsCameInEndTheAdministratorsTaskAndTheCaseCloses() {
        CaseDriver c = replyWithTheSupervisors();
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_SupervisorReplyDecisionOverdue");
        assertThat(c.task("Task_GetCustomerReplyDecided")).hasCandidateGroup("camunda-admin");

        c.complete("Task_DecideOnCustomerReplyAsSupervisor", "maria", Map.of("replyDecision", "confirmed"));

        assertThat(c.openTasks()).as("nothing left for the administrators to chase").isEmpty();
        assertThat(c.instance).hasNotPassed("EndEvent_ReplyDecisionChased").hasPassed("EndEvent_CaseClosed").isEnded();
    }

    /**
     * W1 "DON'T say/write nothing": the customer replied to the solution and was told who answers by answerDueAt. When
     * that passes undecided, the case is out of "Work on the solution" and its update cycle, yet the customer still
     * hears from us once they have heard nothing for the plan's update interval, and again each interval, until the
     * reply is decided. Jane writes by e-mail: her plan answers a message within one update interval, so the update is
     * owed the moment the supervisors are brought in.
     */
    @Test
    void aReplyLeftUndecidedStillGetsTheCustomerAnUpdateEveryInterval() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.");
        Date updateOwed = c.oneUpdateIntervalFromNow(deadlines);
        assertThat((Date) c.variable("answerDueAt")).as("premium, e-mail: answered within one interval")
                .isEqualTo(updateOwed);

        c.timeIs(updateOwed).timerFires("Event_ReplyDecisionOverdue");

        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, PROGRESS_UPDATE);
        assertThat(c.messages()).filteredOn(m -> m.kind() == PROGRESS_UPDATE).singleElement()
                .extracting(CustomerMessage::body).asString().contains("we don't have an answer for you yet",
                "You will hear from us again by");
        Date nextUpdate = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_UpdateIntervalPassedWithSupervisors")).isEqualTo(nextUpdate);

        c.timeIs(nextUpdate).timerFires("Event_UpdateIntervalPassedWithSupervisors");

        assertThat(c.messagesSent()).endsWith(PROGRESS_UPDATE, PROGRESS_UPDATE).hasSize(5);
        c.complete("Task_DecideOnCustomerReplyAsSupervisor", "maria", Map.of("replyDecision", "confirmed"));
        assertThat(c.instance).hasPassed("EndEvent_CaseClosed").isEnded();
    }

    /**
     * While the supervisors decide on the reply, the next update waits for the job executor; the customer writes again
     * and hears from us (the acknowledgment of that message): the update is no longer news, is not sent, and is not
     * recorded as sent.
     */
    @Test
    void anUpdateQueuedWhileTheSupervisorsDecideIsNotSentAfterTheCustomerHeardFromUs() {
        CaseDriver c = resolved().customerWrites("It is still charged twice.");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_ReplyDecisionOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines))
                .timerFiresBeforeTheStepsAfterIt("Event_UpdateIntervalPassedWithSupervisors");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateOnReply")).as("the update is queued").isTrue();

        assertThat(inbox.customerWroteIn(c.reference, "Also the 15 EUR fee, please.", "email"))
                .isEqualTo(CaseInbox.Outcome.ATTACHED);
        c.asyncStepsRunExcept("Task_SendProgressUpdateOnReply").asyncStepRuns("Task_SendProgressUpdateOnReply");

        assertThat(c.messagesSent()).as("one update, when the supervisors were brought in; none after the message")
                .containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, PROGRESS_UPDATE, MESSAGE_RECEIVED);
        assertThat(c.instance).hasPassed("EndEvent_UpdateOvertakenOnReply");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(c.instance.getId()).activityId("EndEvent_CustomerUpdatedOnReply").count())
                .as("\"Customer updated\" for the update that went out only").isEqualTo(1);
    }

    /**
     * On the phone the plan answers within a quarter of the update interval: when the supervisors are brought in, the
     * acknowledgment of the reply is recent news and no update goes out; one interval after it, one does.
     */
    @Test
    void aReplyLeftUndecidedGetsNoUpdateBeforeTheCustomerHasWaitedAnInterval() {
        Map<String, Object> byPhone = new HashMap<>(CaseDriver.caseFromJane());
        byPhone.put("channel", "phone");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, byPhone)
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerWrites("It is still charged twice.");
        Date updateOwed = c.oneUpdateIntervalFromNow(deadlines);

        c.timeIs((Date) c.variable("answerDueAt")).timerFires("Event_ReplyDecisionOverdue");

        assertThat(c.instance).hasPassed("EndEvent_CustomerRecentlyInformedOnReply");
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED);
        assertThat(c.timerDueDate("Event_UpdateIntervalPassedWithSupervisors")).isEqualTo(updateOwed);

        c.timeIs(updateOwed).timerFires("Event_UpdateIntervalPassedWithSupervisors");

        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, PROGRESS_UPDATE);
        c.complete("Task_DecideOnCustomerReplyAsSupervisor", "maria", Map.of("replyDecision", "reopen"));
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWithSupervisors")).isFalse();
        assertThat(c.hasTimer("StartEvent_UpdateIntervalPassed")).as("the work's own cycle takes over").isTrue();
    }

    /**
     * W1 "DON'T say/write nothing": the owner recorded that the customer confirms, but the case still owes the answer
     * to a second message, so it waits to close (Event_EveryAnswerSent). The case is out of "Work on the solution" and
     * its update cycle; when that answer goes overdue to the supervisors, the customer still hears from us once they
     * have heard nothing for the plan's update interval, and again each interval, until the answer goes out. Right
     * after the decision the acknowledgment of the message is recent news: no update then.
     */
    @Test
    void anAnswerOwedBeforeTheCloseStillGetsTheCustomerAnUpdateEveryInterval() {
        CaseDriver c = resolved().customerWrites("Thanks, the money is back.")
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));
        Date updateOwed = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.instance).isWaitingAt("Event_EveryAnswerSent");
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, MESSAGE_RECEIVED);

        c.timeIs(updateOwed).dueTimersFire();

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).as("the answer went to the supervisors")
                .contains("Task_AnswerCustomerMessageAsSupervisor");
        assertThat(c.messagesSent()).as("an update, not silence").containsExactly(ACKNOWLEDGMENT, RESOLUTION,
                MESSAGE_RECEIVED, MESSAGE_RECEIVED, PROGRESS_UPDATE);
        assertTheUpdateNamesNoDateToSolveBy(c);
        Date nextUpdate = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_UpdateIntervalPassedBeforeClose")).isEqualTo(nextUpdate);

        c.timeIs(nextUpdate).timerFires("Event_UpdateIntervalPassedBeforeClose");

        assertThat(c.messagesSent()).endsWith(PROGRESS_UPDATE, PROGRESS_UPDATE).hasSize(6);
        c.complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                Map.of("whoAnswers", "myself", "replyText", "Yes: the fee comes back with the refund, by Friday."));
        assertThat(c.messagesSent()).endsWith(MESSAGE_REPLY, CLOSING_SUMMARY, SATISFACTION_SURVEY);
        assertThat(c.instance).hasPassed("EndEvent_CustomerRecentlyInformedBeforeClose",
                "EndEvent_CustomerUpdatedBeforeClose", "Task_SendClosingSummary").isEnded();
    }

    /**
     * W1 "DON'T say/write nothing": Jane wrote in while the case was worked on, and anna resolved it before answering.
     * The case waits for Jane's word on the solution (Gateway_AwaitCustomer), out of "Work on the solution" and its
     * update cycle, and the answer it owes her goes overdue to the supervisors. She still hears from us once she has
     * heard nothing for the plan's update interval, once per interval, until the answer goes out; then the quiet
     * period stays quiet and closes the case.
     */
    @Test
    void anAnswerOwedWhileTheCaseWaitsForTheCustomersWordStillGetsTheCustomerAnUpdateEveryInterval() {
        CaseDriver c = resolvedWithAnAnswerOwed();
        Date updateOwed = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.instance).isWaitingAt("Gateway_AwaitCustomer", "Task_AnswerCustomerMessage");
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED, RESOLUTION);

        c.timeIs(c.task("Task_AnswerCustomerMessage").getDueDate()).dueTimersFire();
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).as("the answer went to the supervisors")
                .contains("Task_AnswerCustomerMessageAsSupervisor");
        assertThat(c.messagesSent()).as("the solution is recent news").doesNotContain(PROGRESS_UPDATE);

        c.timeIs(updateOwed).timerFires("Event_UpdateIntervalPassedWhileResolved");

        assertThat(c.messagesSent()).as("an update, not silence").containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED,
                RESOLUTION, PROGRESS_UPDATE);
        assertTheUpdateNamesNoDateToSolveBy(c);
        Date nextUpdate = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_UpdateIntervalPassedWhileResolved")).isEqualTo(nextUpdate);
        c.timeIs(nextUpdate).timerFires("Event_UpdateIntervalPassedWhileResolved");
        assertThat(c.messagesSent()).endsWith(PROGRESS_UPDATE, PROGRESS_UPDATE).hasSize(5);

        c.complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                Map.of("whoAnswers", "myself", "replyText", "Yes: the fee comes back with the refund, by Friday."));
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileResolved")).as("nothing owed: quiet again").isFalse();
        assertThat(c.instance).isWaitingAt("Gateway_AwaitCustomer");
        c.timeIs(c.timerDueDate("Event_QuietPeriodOver")).dueTimersFire();
        assertThat(c.messagesSent()).endsWith(PROGRESS_UPDATE, PROGRESS_UPDATE, MESSAGE_REPLY, CLOSING_SUMMARY,
                SATISFACTION_SURVEY);
        assertThat(c.instance).hasPassed("EndEvent_CustomerRecentlyInformedWhileResolved", "Task_SendClosingSummary")
                .isEnded();
    }

    /**
     * W1 without contradicting ourselves: an update the interval queued just before the last answer owed went out is
     * not sent after it. The send step looks again when it runs: the customer has just heard from us.
     */
    @Test
    void anUpdateQueuedJustBeforeTheLastAnswerIsNotSentAfterIt() {
        CaseDriver c = resolvedWithAnAnswerOwed();
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines))
                .timerFiresBeforeTheStepsAfterIt("Event_UpdateIntervalPassedWhileResolved");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateWhileResolved")).as("the update is queued").isTrue();

        engine.getTaskService().complete(c.task("Task_AnswerCustomerMessage").getId(),
                Map.of("replyText", "Yes: the fee comes back with the refund, by Friday."));
        c.asyncStepRuns("Task_SendAnswer").timePasses(Duration.ofSeconds(5))
                .asyncStepRuns("Task_SendProgressUpdateWhileResolved");

        assertThat(c.messagesSent()).as("no \"still working on it\" after the answer")
                .containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED, RESOLUTION, MESSAGE_REPLY);
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileResolved")).as("nothing owed: quiet again").isFalse();
        assertThat(c.instance).as("history records what happened")
                .hasPassed("EndEvent_UpdateOvertakenWhileResolved")
                .hasNotPassed("EndEvent_CustomerUpdatedWhileResolved");
    }

    /** As above, in the wait for every answer before the case closes. */
    @Test
    void anUpdateQueuedJustBeforeTheLastAnswerBeforeTheCloseIsNotSentAfterIt() {
        CaseDriver c = resolved().customerWrites("Thanks, the money is back.")
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines))
                .timerFiresBeforeTheStepsAfterIt("Event_UpdateIntervalPassedBeforeClose");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateBeforeClose")).as("the update is queued").isTrue();

        engine.getTaskService().complete(c.task("Task_AnswerCustomerMessage").getId(),
                Map.of("replyText", "Yes: the fee comes back with the refund, by Friday."));
        c.asyncStepRuns("Task_SendAnswer").asyncStepRuns("Task_SendProgressUpdateBeforeClose");
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("no \"still working on it\" after the answer").containsExactly(
                ACKNOWLEDGMENT, RESOLUTION, MESSAGE_RECEIVED, MESSAGE_RECEIVED, MESSAGE_REPLY, CLOSING_SUMMARY,
                SATISFACTION_SURVEY);
        assertThat(c.instance).isEnded().hasPassed("EndEvent_UpdateOvertakenBeforeClose")
                .hasNotPassed("EndEvent_CustomerUpdatedBeforeClose");
    }

    /** A quiet period with nothing owed stays quiet: no update timer, no update, and the case closes at its end. */
    @Test
    void aResolvedCaseThatOwesNothingGetsNoUpdateInItsQuietPeriod() {
        CaseDriver c = resolved();
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileResolved")).isFalse();

        c.timeIs(c.timerDueDate("Event_QuietPeriodOver")).dueTimersFire();

        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION, CLOSING_SUMMARY, SATISFACTION_SURVEY);
        assertThat(c.instance).hasNotPassed("SubProcess_AwaitAnswerWhileResolved").isEnded();
    }

    /** The reopened case is worked on again, and its own update cycle takes over: one cycle at a time. */
    @Test
    void aReopeningWhileAnAnswerIsOwedHandsTheUpdatesBackToTheWork() {
        CaseDriver c = resolvedWithAnAnswerOwed();
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileResolved")).isTrue();

        c.customerReopens();

        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_AnswerCustomerMessage");
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileResolved")).isFalse();
        assertThat(c.hasTimer("StartEvent_UpdateIntervalPassed")).as("the work's own cycle takes over").isTrue();
    }

    /** Confirmed with the answer still owed, the case waits to close, and that wait's update cycle takes over. */
    @Test
    void aConfirmationWhileAnAnswerIsOwedHandsTheUpdatesToTheWaitBeforeTheClose() {
        CaseDriver c = resolvedWithAnAnswerOwed();

        c.customerConfirmsTheSolution();

        assertThat(c.instance).isWaitingAt("Event_EveryAnswerSent");
        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileResolved")).isFalse();
        assertThat(c.hasTimer("Event_UpdateIntervalPassedBeforeClose")).isTrue();
        answer(c, "Yes, the fee comes back with the refund.");
        assertThat(c.instance).isEnded();
    }

    /** Jane writes in while anna works on the case; half an hour later anna resolves it, the answer still owed. */
    private CaseDriver resolvedWithAnAnswerOwed() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company")
                .customerWrites("Will the 15 EUR overdraft fee come back too?").timePasses(Duration.ofMinutes(30))
                .resolve("company", 0);
    }

    @Test
    void supervisorsWhoDecideInTimeBringInNoAdministrator() {
        CaseDriver c = replyWithTheSupervisors();
        assertThat(c.hasTimer("Event_SupervisorReplyDecisionOverdue")).isTrue();

        c.timePasses(Duration.ofMinutes(20))
                .complete("Task_DecideOnCustomerReplyAsSupervisor", "maria", Map.of("replyDecision", "reopen"));

        assertThat(c.hasTimer("Event_SupervisorReplyDecisionOverdue")).isFalse();
        assertThat(c.instance).hasNotPassed("Task_GetCustomerReplyDecided");
    }

    /** The problem is solved: the one update so far names the next update, no date to solve it by. */
    private static void assertTheUpdateNamesNoDateToSolveBy(CaseDriver c) {
        assertThat(c.messages()).filteredOn(m -> m.kind() == PROGRESS_UPDATE).singleElement()
                .extracting(CustomerMessage::body).asString().as("the problem is solved: no date to solve it by")
                .contains("You will hear from us again by").doesNotContain("solved by");
    }
}
