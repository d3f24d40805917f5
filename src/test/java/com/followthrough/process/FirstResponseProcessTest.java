package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.servicelevel.FirstPersonalContact;

/**
 * "First response means a person spoke to the customer" and "never silent from the acknowledgment on" (issue 12,
 * item 7): {@code firstRespondedAt} is the first personal contact, the first-response escalation stays armed until
 * there is one, one progress-update cycle runs from the acknowledgment to the resolution, and an update while a
 * callback is agreed says who calls when. Supervisors who leave the first response for one update interval of the
 * plan's working time bring in the administrators; the first response stays on the supervisors' task, which an
 * administrator may complete.
 */
@ProcessTest
class FirstResponseProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired JdbcClient jdbc;
    @Autowired CaseDeadlines deadlines;

    private CaseDriver open(Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    private CaseDriver listenedWithoutReachingTheCustomer() {
        return open(Map.of()).timePasses(Duration.ofMinutes(10)).listen("anna", Map.of("spokeToCustomer", "no"));
    }

    private Object caseVariable(CaseDriver c, String name) {
        return engine.getRuntimeService().getVariable(c.instance.getId(), name);
    }

    // --- first response = a person spoke to the customer -------------------------------------------------------

    @Test
    void listeningWithoutReachingTheCustomerIsNoFirstResponseAndASupervisorIsBroughtInWhenItIsDue() {
        CaseDriver c = listenedWithoutReachingTheCustomer();

        assertThat(caseVariable(c, "firstRespondedAt")).as("an internal form alone is no first response").isNull();
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem");
        assertThat(c.task("Task_DiagnoseProblem")).isAssignedTo("anna");

        Date due = (Date) c.variable("firstResponseDueAt");
        assertThat(c.timerDueDate("Event_FirstResponseStillOwed")).isEqualTo(due);
        c.timeIs(due).timerFires("Event_FirstResponseStillOwed");

        assertThat(c.instance).hasPassed("Gateway_FirstResponseOwed").isWaitingAt("Task_DiagnoseProblem", "Task_GiveFirstResponse");
        assertThat(c.task("Task_GiveFirstResponse")).hasCandidateGroup("supervisors");
        c.timePasses(Duration.ofMinutes(20))
                .complete("Task_GiveFirstResponse", "maria", Map.of("firstResponseNote", "Called Jane, anna follows up",
                        "reachedCustomerByPhone", "yes"));
        assertThat(caseVariable(c, "firstRespondedAt")).isEqualTo(Date.from(CaseDriver.now()));
        assertThat(caseVariable(c, FirstPersonalContact.STATE)).isEqualTo(FirstPersonalContact.GIVEN);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(c.instance.getId())
                .variableName(FirstPersonalContact.STATE).count())
                .as("the gateway's working state has no history: firstRespondedAt and the supervisor's task tell it")
                .isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(c.instance.getId())
                .variableName("firstRespondedAt").count()).isOne();
    }

    @Test
    void listenWithoutSayingWhetherAnyoneSpokeToTheCustomerIsRefusedAndChangesNothing() {
        CaseDriver c = open(Map.of());

        assertThatThrownBy(() -> c.listen("anna", Map.of("spokeToCustomer", "maybe")))
                .hasMessageContaining("spokeToCustomer");
        Map<String, Object> withoutAnswer = new HashMap<>(Map.of("problemInCustomersWords", "Charged twice",
                "factsGathered", "Two debits", "questionsAsked", "Which card?", "preferredContactChannel", "email",
                "callbackNumber", "+1 555 0100", "discountRequested", false));
        String listen = c.task("Task_ListenToCustomer").getId();
        assertThatThrownBy(() -> engine.getTaskService().complete(listen, withoutAnswer))
                .hasMessageContaining("spokeToCustomer");

        assertThat(c.instance).isWaitingAt("Task_ListenToCustomer");
        assertThat(caseVariable(c, "owner")).isNull();
        assertThat(caseVariable(c, "firstRespondedAt")).isNull();
    }

    @Test
    void listeningAfterSpeakingToTheCustomerIsTheFirstResponseAndNobodyIsEscalated() {
        CaseDriver c = open(Map.of()).timePasses(Duration.ofMinutes(30)).listen("anna", Map.of("spokeToCustomer", "yes"));
        Date listenedAt = Date.from(CaseDriver.now());

        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseStillOwed");

        assertThat(caseVariable(c, "firstRespondedAt")).isEqualTo(listenedAt);
        assertThat(c.instance).hasPassed("EndEvent_FirstResponseInHand").hasNotPassed("Task_GiveFirstResponse");
    }

    @Test
    void aSupervisorAlreadyGivingTheFirstResponseIsNotAskedTwice() {
        CaseDriver c = open(Map.of());
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseDue");
        c.timePasses(Duration.ofMinutes(5)).listen("anna", Map.of("spokeToCustomer", "no"));

        c.timerFires("Event_FirstResponseStillOwed");

        assertThat(c.instance).hasPassed("EndEvent_FirstResponseInHand");
        assertThat(c.openTasks()).filteredOn(t -> t.getTaskDefinitionKey().equals("Task_GiveFirstResponse")).hasSize(1);
        assertThat(caseVariable(c, "firstRespondedAt")).isNull();
    }

    @Test
    void anAgentWhoSpeaksToTheCustomerWhileTheSupervisorsHoldTheFirstResponseEndsTheirTask() {
        CaseDriver c = open(Map.of());
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseDue");
        assertThat(c.task("Task_GiveFirstResponse")).hasCandidateGroup("supervisors");

        c.timePasses(Duration.ofMinutes(10)).listen("anna", Map.of("spokeToCustomer", "yes"));

        assertThat(caseVariable(c, "firstRespondedAt")).isEqualTo(Date.from(CaseDriver.now()));
        assertThat(c.instance).hasPassed("EndEvent_FirstResponseGivenElsewhere")
                .hasNotPassed("Gateway_FirstResponseByPhone");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).as("the customer has heard from a person")
                .containsExactly("Task_DiagnoseProblem");
        assertThat(c.hasTimer("Event_FirstResponseStillNotGiven")).as("no administrator chases it").isFalse();
    }

    @Test
    void anAnswerToTheCustomerAfterTheAdministratorsCameInEndsTheirTaskAndTheSupervisors() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_FirstResponseStillNotGiven");
        c.customerWrites("The Visa ending 4242. Did you try to call me?");

        c.timePasses(Duration.ofMinutes(5))
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Thank you, I refund it today."));

        assertThat(caseVariable(c, "firstRespondedAt")).isEqualTo(Date.from(CaseDriver.now()));
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                .doesNotContain("Task_GiveFirstResponse", "Task_MakeSureCustomerGetsFirstResponse");
        assertThat(c.instance).hasPassed("EndEvent_FirstResponseGivenElsewhere")
                .hasNotPassed("EndEvent_FirstResponseChased");
    }

    @Test
    void aCallbackThatReachesTheCustomerWhileTheSupervisorsHoldTheFirstResponseEndsTheirTask() {
        CaseDriver c = listenedWithoutReachingTheCustomer().diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1));
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseStillOwed");
        assertThat(c.task("Task_GiveFirstResponse")).hasCandidateGroup("supervisors");

        c.callBack("Task_CallCustomerBack", "reachedNotSolved");

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_GiveFirstResponse");
        assertThat(c.instance).hasPassed("EndEvent_FirstResponseGivenElsewhere");
    }

    @Test
    void anAnswerToTheCustomersMessageIsTheFirstResponse() {
        CaseDriver c = listenedWithoutReachingTheCustomer().timePasses(Duration.ofMinutes(30))
                .customerWrites("Did you try to call me?");
        c.timePasses(Duration.ofMinutes(15))
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes, I will call again at 11:00."));

        assertThat(caseVariable(c, "firstRespondedAt")).isEqualTo(Date.from(CaseDriver.now()));
    }

    @Test
    void aCallbackCountsOnlyWhenItReachedTheCustomer() {
        CaseDriver c = listenedWithoutReachingTheCustomer().diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofMinutes(50));

        c.callBack("Task_CallCustomerBack", "notReached");
        assertThat(caseVariable(c, "firstRespondedAt")).as("a voicemail is no conversation").isNull();

        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver").callBack("Task_CallCustomerAgain", "reachedNotSolved");
        assertThat(caseVariable(c, "firstRespondedAt")).isEqualTo(Date.from(CaseDriver.now()));
    }

    @Test
    void theGuaranteeCheckAndTheInsightsMeasureTheFirstPersonalContact() {
        CaseDriver c = listenedWithoutReachingTheCustomer();
        Date due = (Date) c.variable("firstResponseDueAt");
        c.timeIs(due).timerFires("Event_FirstResponseStillOwed")
                .timePasses(Duration.ofMinutes(30))
                .complete("Task_GiveFirstResponse", "maria", Map.of("firstResponseNote", "Reached Jane by phone",
                        "reachedCustomerByPhone", "yes"));
        Instant respondedAt = CaseDriver.now();

        c.diagnose("solved", "customer").resolve("customer", 0).customerConfirmsTheSolution();

        assertThat(c.instance).isEnded();
        assertThat(c.variable("firstResponseLate")).as("listened in time, but nobody spoke to Jane in time").isEqualTo(true);
        Double minutes = jdbc.sql("SELECT first_response_minutes FROM ft_case_fact WHERE case_reference = :ref")
                .param("ref", c.reference).query(Double.class).single();
        assertThat(minutes).isEqualTo(Duration.between(CaseDriver.MONDAY_9AM, respondedAt).toMinutes(), org.assertj.core.data.Offset.offset(0.01));
    }

    /**
     * The acknowledgment promised that a person contacts the customer by {@code firstResponseDueAt}; the escalation
     * that keeps that promise lives on "Work on the solution", which the solution ends. A case the owner solved and
     * resolved before then, from the written request, missed no service level. It used to count as a late first
     * response ("no personal contact yet"): when the customer confirmed, a supervisor got "Call for a last chance" to
     * call them about "a service level we guarantee" that "came late".
     */
    @Test
    void aCaseResolvedBeforeTheFirstResponseWasDueMissedNoGuarantee() {
        CaseDriver c = listenedWithoutReachingTheCustomer().diagnose("solved", "thirdParty").resolve("thirdParty", 0);
        assertThat(CaseDriver.now()).isBefore(((Date) c.variable("firstResponseDueAt")).toInstant());

        c.customerConfirmsTheSolution();

        assertThat(c.variable("firstResponseLate")).isEqualTo(false);
        assertThat(c.variable("guaranteeBreached")).isEqualTo(false);
        assertThat(c.openTasks()).as("no last-chance call about a missed guarantee")
                .extracting(task -> task.getTaskDefinitionKey()).doesNotContain("Task_CallForALastChance");
    }

    /**
     * Solved before the first response was due, then reopened and solved again after it: the first solution was the
     * customer's answer in time, as it is for a case that is not reopened. The last resolution used to be taken, so a
     * case the customer reopened counted as a guarantee missed, with a last-chance call about it.
     */
    @Test
    void aCaseFirstResolvedBeforeTheFirstResponseWasDueMissedNoGuaranteeWhenReopened() {
        CaseDriver c = listenedWithoutReachingTheCustomer().diagnose("solved", "thirdParty").resolve("thirdParty", 0);
        Date due = (Date) c.variable("firstResponseDueAt");
        assertThat(CaseDriver.now()).isBefore(due.toInstant());
        c.timePasses(Duration.ofMinutes(10)).customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement"));

        c.timeIs(Date.from(due.toInstant().plus(Duration.ofHours(1)))).diagnose("solved", "thirdParty")
                .resolve("thirdParty", 0).customerConfirmsTheSolution();

        assertThat(c.variable("firstResponseLate")).as("the first solution came before the due time").isEqualTo(false);
        assertThat(c.openTasks()).as("no last-chance call about a missed first response")
                .extracting(task -> task.getTaskDefinitionKey()).doesNotContain("Task_CallForALastChance");
    }

    /** With no personal contact when the due time had passed, the resolution comes too late to be the first answer. */
    @Test
    void aCaseResolvedAfterTheFirstResponseWasDueWithNobodyHavingSpokenToTheCustomerWasLate() {
        CaseDriver c = listenedWithoutReachingTheCustomer();
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseStillOwed")
                .timePasses(Duration.ofMinutes(5)).diagnose("solved", "thirdParty").resolve("thirdParty", 0)
                .customerConfirmsTheSolution();

        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(c.instance.getId()).variableName("firstRespondedAt").list())
                .as("nobody spoke to Jane").allMatch(v -> v.getValue() == null);
        assertThat(c.variable("firstResponseLate")).isEqualTo(true);
        assertThat(c.variable("guaranteeBreached")).isEqualTo(true);
        assertThat(c.openTasks()).extracting(task -> task.getTaskDefinitionKey()).contains("Task_CallForALastChance");
    }

    // --- a first response on the phone is the customer's answer --------------------------------------------------

    /**
     * Diagnosed from the written request without reaching the customer, the owner asks them something in writing:
     * the case waits for their answer when the first response falls due, and a supervisor gets the task.
     */
    private CaseDriver firstResponseOwedWhileTheCaseWaitsForTheCustomer() {
        CaseDriver c = listenedWithoutReachingTheCustomer().timePasses(Duration.ofMinutes(10))
                .complete("Task_DiagnoseProblem", null, Map.of("diagnosis", "Billing run charged one card twice",
                        "faultParty", "company", "diagnosisOutcome", "waitForCustomer",
                        "customerQuestion", "Which card was charged twice?"));
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseStillOwed");
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Event_ReminderDue", "Task_GiveFirstResponse");
        assertThat(c.variable("slaPaused")).isEqualTo(true);
        return c;
    }

    /**
     * The defect an audit found: a supervisor who gave the first response by phone while the case waited on the
     * customer's answer heard the answer, and the wait went on: reminders of the question, then the close for lack of
     * an answer. A call that reaches the customer ends the wait, whoever makes it.
     */
    @Test
    void aFirstResponseThatReachedTheCustomerByPhoneEndsTheWaitOnTheirAnswer() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();
        int question = c.messagesSent().lastIndexOf(CUSTOMER_QUESTION);

        c.timePasses(Duration.ofMinutes(20)).complete("Task_GiveFirstResponse", "maria", Map.of(
                "firstResponseNote", "Called Jane: it is the Visa ending 4242; anna follows up",
                "reachedCustomerByPhone", "yes"));

        assertThat(c.instance).hasPassed("Gateway_FirstResponseByPhone", "EndEvent_FirstResponseByPhone",
                "Event_CustomerAnswered", "Task_ResumeResolutionClock", "EndEvent_WorkGoesOn");
        assertThat(c.variable("slaPaused")).as("the resolution clock runs again").isEqualTo(false);
        assertThat(c.hasTimer("Event_ReminderDue")).as("no reminder of a question answered on the phone").isFalse();
        assertThat(c.task("Task_DiagnoseProblem")).as("the owner goes on with the diagnosis").isAssignedTo("anna");
        assertThat(c.messagesSent().subList(question, c.messagesSent().size()))
                .doesNotContain(QUESTION_REMINDER, CLOSED_WITHOUT_ANSWER);
        assertThat(engine.getFormService().getTaskFormVariables(c.task("Task_DiagnoseProblem").getId())
                .getValue("caseHeader", String.class))
                .as("the form promises 'the owner goes on with what you noted above': the owner's form shows the note")
                .contains("#### First response by a supervisor", "it is the Visa ending 4242; anna follows up");
    }

    @Test
    void aFirstResponseInWritingLeavesTheWaitRunning() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();

        c.timePasses(Duration.ofMinutes(20)).complete("Task_GiveFirstResponse", "maria", Map.of(
                "firstResponseNote", "Wrote to Jane: anna is on it and needs the card",
                "reachedCustomerByPhone", "no"));

        assertThat(c.instance).hasPassed("EndEvent_FirstResponseGiven")
                .hasNotPassed("EndEvent_FirstResponseByPhone", "Event_CustomerAnswered")
                .isWaitingAt("Task_DiagnoseProblem", "Event_ReminderDue");
        assertThat(c.variable("slaPaused")).isEqualTo(true);
        assertThat(c.hasTimer("Event_ReminderDue")).isTrue();
    }

    @Test
    void aFirstResponseWithoutSayingWhetherItReachedTheCustomerByPhoneIsRefusedAndChangesNothing() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();
        String task = c.claim("Task_GiveFirstResponse", "maria");

        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of("firstResponseNote", "Called Jane")))
                .hasMessageContaining("reachedCustomerByPhone");
        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of("firstResponseNote", "Called Jane",
                "reachedCustomerByPhone", "maybe"))).hasMessageContaining("reachedCustomerByPhone");

        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Event_ReminderDue", "Task_GiveFirstResponse");
        assertThat(c.variable("slaPaused")).isEqualTo(true);
        assertThat(caseVariable(c, "firstRespondedAt")).isNull();
    }

    // --- the supervisors leave the first response undone ----------------------------------------------------------

    @Test
    void aFirstResponseTheSupervisorsLeaveUndoneBringsInTheAdministrators() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();
        Date window = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_FirstResponseStillNotGiven")).as("the customer's time has passed already")
                .isEqualTo(window);

        c.timeIs(window).timerFires("Event_FirstResponseStillNotGiven");

        assertThat(c.task("Task_MakeSureCustomerGetsFirstResponse")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_GiveFirstResponse")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        assertThat(c.caseFact(jdbc, "administrator_escalations")).as("insights count the administrators brought in")
                .isOne();
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).isOne();
        c.complete("Task_MakeSureCustomerGetsFirstResponse", "admin",
                Map.of("chaseNote", "Calling Jane myself on the supervisors' task"));
        assertThat(c.instance).hasPassed("EndEvent_FirstResponseChased")
                .isWaitingAt("Task_DiagnoseProblem", "Event_ReminderDue", "Task_GiveFirstResponse");
        assertThat(caseVariable(c, "firstRespondedAt")).as("a chase is no first response").isNull();

        c.timePasses(Duration.ofMinutes(10)).complete("Task_GiveFirstResponse", "admin", Map.of(
                "firstResponseNote", "Called Jane: it is the Visa ending 4242; anna follows up",
                "reachedCustomerByPhone", "yes"));
        assertThat(caseVariable(c, "firstRespondedAt")).as("the administrator's call is the first personal contact")
                .isEqualTo(Date.from(CaseDriver.now()));
        assertThat(c.instance).hasPassed("EndEvent_FirstResponseByPhone", "Event_CustomerAnswered");
        assertThat(c.variable("slaPaused")).as("the call ends the wait on the customer's answer").isEqualTo(false);
    }

    @Test
    void aFirstResponseTheSupervisorsGiveAfterTheAdministratorsCameInEndsTheAdministratorsTask() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_FirstResponseStillNotGiven");
        assertThat(c.task("Task_MakeSureCustomerGetsFirstResponse")).hasCandidateGroup("camunda-admin");

        c.complete("Task_GiveFirstResponse", "maria", Map.of(
                "firstResponseNote", "Wrote to Jane: anna is on it and needs the card",
                "reachedCustomerByPhone", "no"));

        assertThat(c.instance).hasPassed("EndEvent_FirstResponseGiven").hasNotPassed("EndEvent_FirstResponseChased");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).as("nothing left for the administrators")
                .containsExactly("Task_DiagnoseProblem");
    }

    @Test
    void aFirstResponseTheSupervisorsGiveInTimeBringsInNoAdministrator() {
        CaseDriver c = firstResponseOwedWhileTheCaseWaitsForTheCustomer();
        assertThat(c.hasTimer("Event_FirstResponseStillNotGiven")).isTrue();

        c.timePasses(Duration.ofMinutes(20)).complete("Task_GiveFirstResponse", "maria", Map.of(
                "firstResponseNote", "Wrote to Jane: anna is on it and needs the card",
                "reachedCustomerByPhone", "no"));

        assertThat(c.hasTimer("Event_FirstResponseStillNotGiven")).isFalse();
        assertThat(c.instance).hasNotPassed("Task_MakeSureCustomerGetsFirstResponse");
    }

    // --- never silent from the acknowledgment on ---------------------------------------------------------------

    @Test
    void aCustomerWaitingToBeHeardGetsProgressUpdatesAndTheCycleContinuesWhenWorkStarts() {
        CaseDriver c = open(Map.of());
        assertThat(c.hasTimer("StartEvent_UpdateIntervalPassed")).isFalse();

        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting")).timerFires("Event_UpdateIntervalPassedWhileWaiting");

        assertThat(c.instance).hasPassed("Task_SendProgressUpdateWhileWaiting").isWaitingAt("Task_ListenToCustomer");
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, PROGRESS_UPDATE);
        assertThat(c.messages().get(1).body()).contains("we don't have an answer for you yet");
        Date nextUpdate = c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting");
        assertThat(nextUpdate).isAfter(Date.from(CaseDriver.now()));

        c.timePasses(Duration.ofMinutes(30)).listen("anna", Map.of());

        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileWaiting")).as("the waiting cycle ends with Listen").isFalse();
        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).as("one cycle, continued").isEqualTo(nextUpdate);
    }

    /**
     * The update interval passes while the customer waits to be heard, and the update waits for the job executor; the
     * customer writes in meanwhile and hears from us (the acknowledgment of their message): the update is no longer
     * news, is not sent, and is not recorded as sent.
     */
    @Test
    void anUpdateQueuedWhileWaitingIsNotSentAfterTheCustomerHeardFromUs() {
        CaseDriver c = open(Map.of());
        c.timeIs(c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting"))
                .timerFiresBeforeTheStepsAfterIt("Event_UpdateIntervalPassedWhileWaiting");
        assertThat(c.asyncStepWaits("Task_SendProgressUpdateWhileWaiting")).as("the update is queued").isTrue();

        assertThat(inbox.customerWroteIn(c.reference, "Any news?", "email")).isEqualTo(CaseInbox.Outcome.ATTACHED);
        c.asyncStepsRunExcept("Task_SendProgressUpdateWhileWaiting")
                .asyncStepRuns("Task_SendProgressUpdateWhileWaiting");

        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED);
        assertThat(c.instance).hasPassed("EndEvent_UpdateOvertakenWhileWaiting")
                .hasNotPassed("EndEvent_CustomerUpdatedWhileWaiting");
    }

    @Test
    void aCustomerWhoHeardFromUsWhileWaitingGetsNoExtraUpdate() {
        CaseDriver c = open(Map.of());
        Date due = c.timerDueDate("Event_UpdateIntervalPassedWhileWaiting");
        c.timePasses(Duration.ofHours(1)).customerWrites("Any news?");

        c.timeIs(due).timerFires("Event_UpdateIntervalPassedWhileWaiting");

        assertThat(c.instance).hasPassed("EndEvent_CustomerRecentlyInformedWhileWaiting")
                .hasNotPassed("Task_SendProgressUpdateWhileWaiting");
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, MESSAGE_RECEIVED);
    }

    @Test
    void noProgressUpdateAfterTheResolution() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("solved", "customer").resolve("customer", 0);

        assertThat(c.hasTimer("Event_UpdateIntervalPassedWhileWaiting")).isFalse();
        assertThat(c.hasTimer("StartEvent_UpdateIntervalPassed")).isFalse();
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, RESOLUTION);
    }

    // --- "as agreed, Anna calls you by ..." ----------------------------------------------------------------------

    @Test
    void anUpdateWhileACallbackIsAgreedSaysWhoCallsWhenInEnglish() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(6));

        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(lastUpdate(c)).contains("Hello Jane Doe",
                        "as agreed, Anna from our support team calls you on +1 555 0100 by Monday, 23 November 2026,"
                                + " 15:00 CET")
                .doesNotContain("we don't have an answer");
    }

    @Test
    void anUpdateWhileACallbackIsAgreedSaysWhoCallsWhenInGerman() {
        CaseDriver c = open(Map.of("language", "de", "customerName", "Erika Mustermann")).listen("jonas", Map.of())
                .diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6));

        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(lastUpdate(c)).contains("Guten Tag Erika Mustermann",
                        "wie vereinbart ruft Jonas aus unserem Support-Team Sie bis Montag, 23. November 2026,"
                                + " 15:00 Uhr MEZ unter +1 555 0100")
                .doesNotContain("noch keine Lösung");
    }

    /**
     * The call the voicemail promised ("we will try again by 13:10") comes after the retry wait, any time up to that
     * time: the update states it as the voicemail did, by that time, not as a call at it (it said "at 13:10" while the
     * call could come two hours earlier).
     */
    @Test
    void anUpdateStatesTheRetryAVoicemailPromisedByTheTimeTheVoicemailGave() {
        CaseDriver c = open(Map.of("priority", "high")).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");
        String voicemail = c.messages().stream().filter(m -> m.kind() == VOICEMAIL).findFirst().orElseThrow().body();
        Matcher retry = Pattern.compile("We will try again by ([^.]+)\\.")
                .matcher(voicemail);
        assertThat(retry.find()).as("the voicemail promises the next call: %s", voicemail).isTrue();

        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(lastUpdate(c)).contains("as agreed, Anna from our support team calls you on +1 555 0100 by "
                + retry.group(1) + " about your case");
    }

    @Test
    void anUpdateWithoutAnAgreedCallbackSaysThereIsNoAnswerYetInBothLanguages() {
        CaseDriver english = open(Map.of()).listen("anna", Map.of());
        CaseDriver german = open(Map.of("language", "de", "customerName", "Erika Mustermann")).listen("jonas", Map.of());

        english.timeIs(english.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");
        german.timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(lastUpdate(english)).contains("we don't have an answer for you yet").doesNotContain("as agreed");
        assertThat(lastUpdate(german)).contains("wir haben noch keine Lösung für Sie").doesNotContain("wie vereinbart");
    }

    /**
     * A promise whose KeepPromise no longer runs (here an operator moved the case back to "Promise a callback" in
     * Cockpit) has nobody and no timer behind it: it is cancelled, and an update does not announce it as agreed.
     */
    @Test
    void anUpdateDoesNotAnnounceACallbackThatNoRunningPromiseKeeps() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(6));
        engine.getRuntimeService().createProcessInstanceModification(c.instance.getId())
                .cancelAllForActivity("CallActivity_KeepPromise").startBeforeActivity("Task_PromiseCallback").execute();
        assertThat(c.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.CANCELLED);

        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(lastUpdate(c)).contains("we don't have an answer for you yet").doesNotContain("as agreed");
    }

    private static String lastUpdate(CaseDriver c) {
        List<CustomerMessage> updates = c.messages().stream().filter(m -> m.kind() == PROGRESS_UPDATE).toList();
        assertThat(updates).as("progress updates of %s", c.reference).hasSize(1);
        return updates.get(0).body();
    }
}
