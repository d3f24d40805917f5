package com.followthrough.process;

import static com.followthrough.communication.MessageKind.CLOSING_SUMMARY;
import static com.followthrough.communication.MessageKind.CUSTOMER_UNREACHABLE;
import static com.followthrough.communication.MessageKind.PROMISE_CONFIRMATION;
import static com.followthrough.communication.MessageKind.SATISFACTION_SURVEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.api.ApiProblem;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.Survey;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.feedback.SurveyTokens;
import com.followthrough.feedback.Surveys;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Every path of CustomerFeedback ("Hear the customer after the case"): the survey goes out when a case closes, the
 * customer answers or doesn't, and a poor rating or a broken promise or guarantee brings a supervisor's last-chance call.
 */
@ProcessTest
class CustomerFeedbackProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired SurveyAnswers answers;
    @Autowired Surveys surveys;

    private CaseDriver open(Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    private CaseDriver closedCase() {
        return open(Map.of()).solveAtFirstContactAndClose();
    }

    /** The feedback on a case that just closed, waiting for the customer's answer. */
    /** The supervisor promises a callback on the last-chance call, and the three calls it takes miss the customer. */
    private static void lastChanceCallbackMissedThreeTimes(CaseDriver c) {
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));
        c.timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }
    }

    private ProcessInstance feedbackOf(CaseDriver c) {
        ProcessInstance feedback = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).processInstanceBusinessKey(c.reference).singleResult();
        assertThat(feedback).as("feedback on case %s", c.reference).isNotNull();
        return feedback;
    }

    private String feedbackId(CaseDriver c) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).processInstanceBusinessKey(c.reference).singleResult().getId();
    }

    private Object feedbackVariable(CaseDriver c, String name) {
        String id = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).processInstanceBusinessKey(c.reference).singleResult().getId();
        var variable = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName(name).singleResult();
        assertThat(variable).as("variable %s of the feedback on %s", name, c.reference).isNotNull();
        return variable.getValue();
    }

    @Test
    void whenTheCaseClosesTheCustomerGetsASurveyWithALinkOnlyTheyCanUse() {
        CaseDriver c = closedCase();

        assertThat(c.instance).isEnded().hasPassed("Task_AskForFeedback", "EndEvent_CaseClosed");
        assertThat(feedbackOf(c)).hasPassed("Task_SendSurvey").isWaitingAt("Gateway_AwaitSurveyAnswer");
        assertThat(c.messagesSent()).endsWith(CLOSING_SUMMARY, SATISFACTION_SURVEY);
        CustomerMessage survey = c.messages().get(c.messages().size() - 1);
        assertThat(survey.recipient()).isEqualTo("jane@example.org");
        assertThat(survey.subject()).contains(c.reference);
        String token = c.surveyToken();
        assertThat(survey.body()).contains("Jane Doe", "One click, one sentence",
                "http://localhost:8080/survey.html?case=" + c.reference + "&token=" + token + "&lang=en",
                "+49 30 1234 5678");
        assertThat(token).hasSize(43);

        Survey sent = surveys.of(c.reference).orElseThrow();
        assertThat(sent.tokenHash()).isEqualTo(SurveyTokens.hash(token)).doesNotContain(token);
        assertThat(sent.sentAt()).isEqualTo(CaseDriver.now());
        assertThat(sent.answered()).isFalse();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("surveyLink").count())
                .as("the link with the token is never stored as a variable").isZero();
    }

    @Test
    void aSupervisorWhoClosesTheCaseNeedsNoRightsOnTheFeedbackProcess() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of("discountRequested", true)).diagnose("solved", "customer")
                .resolve("customer", 0).customerConfirmsTheSolution();
        String trace = c.claim("Task_TraceDiscountOffer", "maria");

        engine.getIdentityService().setAuthentication("maria", List.of("supervisors"));
        try {
            engine.getTaskService().complete(trace, Map.of("discountTrace", "A forum post promises discounts"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        c.runAsyncSteps();

        assertThat(c.instance).isEnded().hasPassed("Task_AskForFeedback");
        assertThat(c.messagesSent()).endsWith(SATISFACTION_SURVEY);
    }

    @Test
    void aGermanCustomerGetsTheSurveyInGerman() {
        CaseDriver c = open(Map.of("language", "de", "customerName", "Erika Mustermann")).solveAtFirstContactAndClose();

        CustomerMessage survey = c.messages().get(c.messages().size() - 1);
        assertThat(survey.kind()).isEqualTo(SATISFACTION_SURVEY);
        assertThat(survey.body()).contains("Guten Tag Erika Mustermann", "Ein Klick, ein Satz", "&lang=de");
    }

    @Test
    void everySurveyHasATokenOfItsOwn() {
        assertThat(closedCase().surveyToken()).isNotEqualTo(closedCase().surveyToken());
    }

    @Test
    void aGoodRatingWithoutACommentIsRecordedAndNobodyNeedsToReadOrCall() {
        CaseDriver c = closedCase();
        ProcessInstance feedback = feedbackOf(c);
        assertThat(feedback).as("nothing broken: no call at closing").hasPassed("Task_DecideLastChance", "EndEvent_NothingBroken");

        answers.answer(c.reference, c.surveyToken(), 5, null);

        assertThat(feedback).isEnded().hasPassed("Event_SurveyAnswered", "Task_DecideAnswerReader", "EndEvent_CustomerHeard")
                .hasNotPassed("Task_CallForALastChance", "Task_ReadSurveyComment");
        assertThat(c.openTasks()).isEmpty();
        assertThat(feedbackVariable(c, "rating")).isEqualTo(5);
        Survey answered = surveys.of(c.reference).orElseThrow();
        assertThat(answered.rating()).isEqualTo(5);
        assertThat(answered.answeredAt()).isEqualTo(CaseDriver.now());
    }

    @Test
    void everyCommentReachesAPersonAGoodRatingsCommentTheOwnerWhoKnowsTheCase() {
        CaseDriver c = closedCase();
        ProcessInstance feedback = feedbackOf(c);

        answers.answer(c.reference, c.surveyToken(), 4, "Quick and friendly, but why did the first mail take a day?");

        var read = c.task("Task_ReadSurveyComment");
        assertThat(read).isAssignedTo("anna").hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofDays(2))));
        assertThat(engine.getTaskService().getVariable(read.getId(), "satisfactionComment"))
                .isEqualTo("Quick and friendly, but why did the first mail take a day?");
        assertThat(engine.getTaskService().getVariable(read.getId(), "rating")).isEqualTo(4);
        assertThat(c.timerDueDate("Event_SurveyCommentOverdue")).isEqualTo(read.getDueDate());

        c.complete("Task_ReadSurveyComment", "anna", Map.of("commentFollowUp", "Called Jane: the intake queue was full that day"));

        assertThat(feedback).isEnded().hasPassed("EndEvent_CommentRead").hasNotPassed("Task_CallForALastChance");
        assertThat(feedbackVariable(c, "commentFollowUp")).isEqualTo("Called Jane: the intake queue was full that day");
    }

    @Test
    void aCommentTheOwnerDoesNotReadInTimeGoesToTheSupervisors() {
        CaseDriver c = closedCase();
        answers.answer(c.reference, c.surveyToken(), 3, "Fine.");

        int escalationsBefore = c.caseFact(jdbc, "supervisor_escalations");
        c.timePasses(Duration.ofDays(2)).timerFires("Event_SurveyCommentOverdue");

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).containsExactly("Task_ReadSurveyCommentAsSupervisor");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("the insights count it for the case, closed or not")
                .isEqualTo(escalationsBefore + 1);
        assertThat(c.task("Task_ReadSurveyCommentAsSupervisor")).hasCandidateGroup("supervisors")
                .hasDueDate(Date.from(CaseDriver.now()));
        c.complete("Task_ReadSurveyCommentAsSupervisor", "maria", Map.of("commentFollowUp", "Read it: nothing to answer"));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId("EndEvent_CommentReadBySupervisor").processInstanceId(feedbackId(c)).count()).isOne();
    }

    @Test
    void aPoorRatingBringsASupervisorCallDueWithinTheLastChanceWindow() {
        CaseDriver c = closedCase().timePasses(Duration.ofDays(1));
        ProcessInstance feedback = feedbackOf(c);

        answers.answer(c.reference, c.surveyToken(), 2, "Took far too long");

        var call = c.task("Task_CallForALastChance");
        assertThat(call).hasCandidateGroup("supervisors").hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofDays(2))));
        assertThat(call.getPriority()).isEqualTo(50);
        assertThat(feedbackVariable(c, "lastChanceReason")).isEqualTo("They rated us poorly: find out what went wrong for them.");
        assertThat(engine.getTaskService().getVariable(call.getId(), "resolutionSummary"))
                .as("the case is in front of the supervisor").isEqualTo("The second debit was reversed");

        c.timePasses(Duration.ofHours(5)).complete("Task_CallForALastChance", "maria",
                Map.of("lastChanceOutcome", "stays", "lastChanceNotes", "Listened; the delay was on us. She stays."));

        assertThat(feedback).isEnded().hasPassed("Task_RecordLastChanceOutcome", "EndEvent_LastChanceTaken");
        assertThat(feedbackVariable(c, "lastChanceOutcome")).isEqualTo("stays");
        Survey recorded = surveys.of(c.reference).orElseThrow();
        assertThat(recorded.rating()).isEqualTo(2);
        assertThat(recorded.lastChanceOutcome()).isEqualTo("stays");
        assertThat(recorded.lastChanceAt()).isEqualTo(CaseDriver.now());
    }

    @Test
    void aCustomerWhoLeavesIsRecordedAsLeaving() {
        CaseDriver c = closedCase();
        answers.answer(c.reference, c.surveyToken(), 1, null);

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "leaves"));

        assertThat(surveys.of(c.reference).orElseThrow().lastChanceOutcome()).isEqualTo("leaves");
    }

    /**
     * A case reimbursed 15 EUR and, resolved again with a higher cost, 25 EUR more: the supervisor who calls for a last
     * chance, and the analysts reading the feedback, see the 40 EUR the customer was offered in all, as the case file
     * and the insights do. The feedback used to copy only the last decision's amount, 25 EUR.
     */
    @Test
    void theLastChanceCallShowsWhatTheCustomerWasOfferedInAllNotOnlyTheLastDifference() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 15.0)
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna").customerReopens()
                .diagnose("solved", "company").resolve("company", 40.0)
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna").customerConfirmsTheSolution();
        answers.answer(c.reference, c.surveyToken(), 1, null);

        assertThat(feedbackVariable(c, "reimbursementAmountOffered")).as("offered in all").isEqualTo(40.0);
        String header = engine.getFormService().getTaskFormVariables(c.task("Task_CallForALastChance").getId())
                .getValue("caseHeader", String.class);
        assertThat(header).contains("**Reimbursement:** a refund, 25.00 EUR", "40.00 EUR offered in all");
    }

    /**
     * A reimbursement a supervisor declined: the supervisor who calls for a last chance reads that it was declined and
     * by whom, as the case's own steps did. The feedback copied the amount but not the decision, so the call's header
     * read "a refund, 250.00 EUR" as if it had been offered.
     */
    @Test
    void theLastChanceCallShowsAReimbursementWasDeclinedNotOffered() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 250.0)
                .complete("Task_ApproveReimbursement", "maria",
                        Map.of("approvalDecision", "decline", "approvalNote", "Not documented"))
                .customerConfirmsTheSolution();
        answers.answer(c.reference, c.surveyToken(), 1, null);

        assertThat(feedbackVariable(c, "approvalDecision")).isEqualTo("decline");
        String header = engine.getFormService().getTaskFormVariables(c.task("Task_CallForALastChance").getId())
                .getValue("caseHeader", String.class);
        assertThat(header)
                .contains("- **Reimbursement:** a refund, 250.00 EUR · declined by Maria Lindqvist, not offered\n");
    }

    /**
     * The case closed while a supervisor still had the 250 EUR to decide: the last-chance call's header says it awaits
     * approval, and once she approves it, that she did. The feedback kept the copy made when the case closed, so the
     * call read the amount alone, as if offered, and never the decision.
     */
    @Test
    void theLastChanceCallShowsAnApprovalDecidedAfterTheCaseClosed() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 250.0)
                .customerConfirmsTheSolution();
        answers.answer(c.reference, c.surveyToken(), 1, null);
        String call = c.task("Task_CallForALastChance").getId();
        assertThat(engine.getFormService().getTaskFormVariables(call).getValue("caseHeader", String.class))
                .contains("- **Reimbursement:** a refund, 250.00 EUR · awaiting approval, not offered yet\n");

        c.complete("Task_ApproveReimbursement", "maria", Map.of("approvalDecision", "approve",
                "approvalNote", "Billing error"));

        assertThat(feedbackVariable(c, "approvalDecision")).isEqualTo("approve");
        assertThat(engine.getFormService().getTaskFormVariables(call).getValue("caseHeader", String.class))
                .contains("- **Reimbursement:** a refund, 250.00 EUR · approved by Maria Lindqvist\n");
    }

    /**
     * A case paid 15 EUR and, reopened, resolved again with 250 EUR more to approve, closed before the approval: once
     * a supervisor approves, the 250 EUR is offered, and the last-chance call reads the 265 EUR offered in all while
     * it is not paid yet. The offer reached the feedback only with the payment, so the call read the 15 EUR offered
     * before.
     */
    @Test
    void theLastChanceCallShowsAnAmountOfferedAfterTheCaseClosedBeforeItIsPaid() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 15.0)
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna").customerReopens()
                .diagnose("solved", "company").resolve("company", 265.0).customerConfirmsTheSolution();
        answers.answer(c.reference, c.surveyToken(), 1, null);

        c.complete("Task_ApproveReimbursement", "maria", Map.of("approvalDecision", "approve",
                "approvalNote", "Billing error"));

        assertThat(c.task("Task_ArrangeReimbursement")).as("offered, not paid yet").isNotNull();
        assertThat(feedbackVariable(c, "reimbursementAmountOffered")).as("offered in all").isEqualTo(265.0);
        String header = engine.getFormService().getTaskFormVariables(c.task("Task_CallForALastChance").getId())
                .getValue("caseHeader", String.class);
        assertThat(header).contains("- **Reimbursement:** a refund, 250.00 EUR · approved by Maria Lindqvist"
                + " · 265.00 EUR offered in all\n");
    }

    @Test
    void anOutcomeOtherThanStaysLeavesOrNoAnswerIsRefusedAndTheCallStaysOpen() {
        CaseDriver c = closedCase();
        answers.answer(c.reference, c.surveyToken(), 1, null);

        assertThatThrownBy(() -> c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "maybe")))
                .hasMessageContaining("\"How did the call end?\" (lastChanceOutcome) must be one of [leaves, noAnswer, stays], not 'maybe'");

        assertThat(c.task("Task_CallForALastChance")).isNotNull();
        assertThat(surveys.of(c.reference).orElseThrow().lastChanceOutcome()).isNull();
    }

    private CaseDriver closedWithABrokenPromise() {
        return open(Map.of()).closeAfterABrokenPromise();
    }

    @Test
    void aBrokenPromiseBringsTheLastChanceCallTheMomentTheCaseClosesNotAfterTheSurvey() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);

        assertThat(feedback).isWaitingAt("Task_CallForALastChance", "Gateway_AwaitSurveyAnswer");
        var call = c.task("Task_CallForALastChance");
        assertThat(call).hasCandidateGroup("supervisors").hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofDays(2))));
        assertThat(c.timerDueDate("Event_LastChanceCallOverdue")).isEqualTo(call.getDueDate());
        assertThat(feedbackVariable(c, "promisesBroken")).isEqualTo(1);
        assertThat(feedbackVariable(c, "lastChanceReason")).isEqualTo("We broke a promise to call them back.");

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "noAnswer"));
        c.timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");

        assertThat(feedback).isEnded().hasPassed("EndEvent_LastChanceTaken", "EndEvent_SurveyUnanswered")
                .hasNotPassed("Event_SurveyAnswered");
        Survey recorded = surveys.of(c.reference).orElseThrow();
        assertThat(recorded.answered()).isFalse();
        assertThat(recorded.lastChanceOutcome()).isEqualTo("noAnswer");
    }

    @Test
    void aPoorRatingWhileTheLastChanceCallIsOpenShowsOnThatCallInsteadOfASecondOne() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        var call = c.task("Task_CallForALastChance");
        Date callDue = call.getDueDate();

        c.timePasses(Duration.ofHours(3));
        answers.answer(c.reference, c.surveyToken(), 2, "Nobody called when you said");

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                .containsOnlyOnce("Task_CallForALastChance").doesNotContain("Task_CallForALastChanceOverdue");
        var sameCall = c.task("Task_CallForALastChance");
        assertThat(sameCall.getId()).isEqualTo(call.getId());
        assertThat(sameCall.getDueDate()).isEqualTo(callDue);
        assertThat(sameCall.getDescription()).contains("rated us 2 of 5").contains("Nobody called when you said");
        assertThat(engine.getTaskService().getVariable(call.getId(), "shownSatisfactionComment"))
                .isEqualTo("Nobody called when you said");
        assertThat(engine.getTaskService().getVariable(call.getId(), "rating")).isEqualTo(2);
        assertThat(engine.getTaskService().getVariable(call.getId(), "lastChanceReason"))
                .as("why the call was opened still shows").isEqualTo("We broke a promise to call them back.");
        assertThat(feedbackVariable(c, "lastChanceDueAt")).isEqualTo(callDue);

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "stays"));
        assertThat(feedback).isEnded().hasPassed("EndEvent_RatingShownOnOpenCall", "EndEvent_LastChanceTaken");
        assertThat(surveys.of(c.reference).orElseThrow().lastChanceOutcome()).isEqualTo("stays");
    }

    @Test
    void aPoorRatingWhileTheOverdueLastChanceCallIsOpenShowsOnThatCall() {
        CaseDriver c = closedWithABrokenPromise();
        c.timePasses(Duration.ofDays(2)).timerFires("Event_LastChanceCallOverdue");

        answers.answer(c.reference, c.surveyToken(), 1, null);

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                .containsOnlyOnce("Task_CallForALastChanceOverdue").doesNotContain("Task_CallForALastChance");
        assertThat(c.task("Task_CallForALastChanceOverdue").getDescription()).contains("rated us 1 of 5");
    }

    @Test
    void aLastChanceCallNobodyMakesInTimeGoesUpToTheAdministrators() {
        CaseDriver c = closedWithABrokenPromise();

        c.timePasses(Duration.ofDays(2)).timerFires("Event_LastChanceCallOverdue");

        assertThat(c.task("Task_CallForALastChanceOverdue")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_CallForALastChance");
        c.complete("Task_CallForALastChanceOverdue", "demo", Map.of("lastChanceOutcome", "stays"));
        assertThat(surveys.of(c.reference).orElseThrow().lastChanceOutcome()).isEqualTo("stays");
        assertThat(feedbackVariable(c, "lastChanceCalledBy")).isEqualTo("demo");
    }

    @Test
    void aCallbackPromisedOnTheLastChanceCallIsAPromiseLikeAnyOther() {
        CaseDriver c = closedWithABrokenPromise();
        int promisesBefore = c.promises().size();

        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));

        assertThat(c.promises()).hasSize(promisesBefore + 1);
        assertThat(c.promises().get(promisesBefore)).satisfies(p -> {
            assertThat(p.madeBy()).isEqualTo("maria");
            assertThat(p.dueAt()).isEqualTo(CaseDriver.now().plus(Duration.ofHours(3)));
            assertThat(p.status()).isEqualTo(com.followthrough.promise.Promise.Status.OPEN);
        });
        assertThat(c.messagesSent()).endsWith(PROMISE_CONFIRMATION);
        assertThat(c.messages().get(c.messages().size() - 1).body()).contains("Maria", "+1 555 0100");
        var callback = c.task("Task_CallCustomerBack");
        assertThat(callback).isAssignedTo("maria").hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofHours(3))));
        assertThat(c.timerDueDate("Event_CallbackDue")).isEqualTo(callback.getDueDate());

        c.timePasses(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "reachedSolved");

        assertThat(c.promises().get(promisesBefore).status()).isEqualTo(com.followthrough.promise.Promise.Status.KEPT);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId("EndEvent_LastChancePromiseKept").processInstanceId(feedbackId(c)).count()).isOne();
    }

    @Test
    void aCustomerTheLastChanceCallbackCannotReachIsNotToldTheClosedCaseWillBeWrittenUpAndClosed() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        lastChanceCallbackMissedThreeTimes(c);

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));
        c.runAsyncSteps();

        var letter = c.messages().get(c.messages().size() - 1);
        assertThat(letter.kind()).isEqualTo(CUSTOMER_UNREACHABLE);
        assertThat(letter.body()).contains("could not reach you", c.reference)
                .contains("Your case is closed already: if you call us or reply to this message, we open a follow-up"
                        + " case at once, linked to this one.")
                .doesNotContain("write down the solution", "the case closes");
        assertThat(feedback).as("no call reached her: Cockpit does not show the promise on the call as kept")
                .hasPassed("CallActivity_KeepLastChancePromise", "EndEvent_LastChanceWrittenAndClosed")
                .hasNotPassed("EndEvent_LastChancePromiseKept");
    }

    @Test
    void aCustomerTheLastChanceCallbackCannotReachIsCalledAgainWhenTheSupervisorKeepsTrying() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        lastChanceCallbackMissedThreeTimes(c);
        var lastVoicemail = c.messages().get(c.messages().size() - 1);
        assertThat(lastVoicemail.body()).as("what the last voicemail of a closed case promises")
                .contains("we call you again or write to you").doesNotContain("with a new time for our call");

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "keepTrying"));

        assertThat(feedback).isWaitingAt("Task_CallForALastChance");
        assertThat(c.task("Task_CallForALastChance")).hasCandidateGroup("supervisors");
        assertThat(c.task("Task_CallForALastChance").getDueDate()).as("a fresh last-chance window, not the old one")
                .isAfter(Date.from(CaseDriver.now()));
    }

    /**
     * The last-chance callback missed Jane, and she calls us before the voicemail is left: the promise tells the
     * feedback that she called in (callbackOutcome customerCalledIn, where it said "not reached" before), and a
     * supervisor gets the last-chance call again, as after a call while the decision was open.
     */
    @Test
    void aCustomerWhoCallsInBeforeTheLastChanceVoicemailGetsTheLastChanceCallAgain() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));
        engine.getTaskService().complete(c.task("Task_CallCustomerBack").getId(),
                Map.of("callbackOutcome", "notReached", "callbackNotes", "Voicemail box"));

        assertThat(inbox.customerCalledIn(c.reference, "Jane: call me on my mobile."))
                .isEqualTo(CaseInbox.Outcome.TAKEN);
        c.runAsyncSteps();

        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId("EndEvent_CustomerCalledInBeforeVoicemail").finished().list())
                .anyMatch(end -> feedback.getId().equals(end.getRootProcessInstanceId()));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(feedback.getId())
                .variableName("callbackOutcome").singleResult().getValue()).isEqualTo("customerCalledIn");
        assertThat(feedback).isWaitingAt("Task_CallForALastChance");
        assertThat(c.task("Task_CallForALastChance")).hasCandidateGroup("supervisors");
    }

    /**
     * "Last-chance call again?" on a customer who calls us while the supervisors decide whether we keep trying: the
     * promise ends with callbackOutcome customerCalledIn, the customer was reached on their own call, and a supervisor
     * calls them again; the promise on the call is not ended as kept.
     */
    @Test
    void aCustomerWhoCallsInWhileTheSupervisorsDecideGetsTheLastChanceCallAgain() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        lastChanceCallbackMissedThreeTimes(c);
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasCandidateGroup("supervisors");

        assertThat(inbox.customerCalledIn(c.reference, "Jane: I was abroad, call me now."))
                .isEqualTo(CaseInbox.Outcome.TAKEN);
        c.runAsyncSteps();

        assertThat(feedbackVariable(c, "callbackOutcome")).isEqualTo("customerCalledIn");
        assertThat(feedback).isWaitingAt("Task_CallForALastChance").hasNotPassed("EndEvent_LastChancePromiseKept");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                .doesNotContain("Task_DecideCustomerUnreachable");
    }

    /**
     * "Last-chance call again?" on a callback that reached the customer without solving it: no, the promise is kept.
     */
    @Test
    void aLastChanceCallbackThatReachesTheCustomerWithoutSolvingItEndsThePromiseAsKept() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));

        c.timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "reachedNotSolved");

        assertThat(feedbackVariable(c, "callbackOutcome")).isEqualTo("reachedNotSolved");
        assertThat(feedback).hasPassed("EndEvent_LastChancePromiseKept");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_CallForALastChance");
    }

    @Test
    void aLastChanceCallbackNobodyDecidesOnInTimeGoesUpToTheAdministratorsNotBackToTheSupervisors() {
        CaseDriver c = closedWithABrokenPromise();
        ProcessInstance feedback = feedbackOf(c);
        lastChanceCallbackMissedThreeTimes(c);

        c.timePasses(Duration.ofHours(2)).timerFires("Event_UnreachableDecisionOverdue");

        assertThat(feedback).as("the timer made no decision: no new last-chance call")
                .isWaitingAt("CallActivity_KeepLastChancePromise");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_CallForALastChance");
        assertThat(c.task("Task_DecideCustomerUnreachableNow")).hasCandidateGroup("camunda-admin");
        var letter = c.messages().get(c.messages().size() - 1);
        assertThat(letter.kind().modelName()).isEqualTo("unreachableDecisionPending");
        assertThat(letter.body()).contains("we call you again or write to you")
                .doesNotContain("with a new time for our call");

        c.complete("Task_DecideCustomerUnreachableNow", "demo", Map.of("unreachableDecision", "keepTrying"));

        assertThat(feedback).isWaitingAt("Task_CallForALastChance");
    }

    @Test
    void aLastChanceCallbackNotConnectingLateOnMondayIsRetriedInTheStandardPlansHoursOnTuesday() {
        CaseDriver c = open(Map.of("plan", "standard")).solveAtFirstContactAndClose();
        answers.answer(c.reference, c.surveyToken(), 1, null);
        c.timeIs(Date.from(CaseDriver.berlin("2026-11-23T15:00")))
                .complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(1)));

        c.timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");

        assertThat(c.messages().get(c.messages().size() - 1).body()).as("two retry waits of Mon-Fri 09:00-17:00")
                .contains("We will try again by Tuesday, 24 November 2026, 12:00 CET.");
        assertThat(c.timerDueDate("Event_RetryWaitOver")).isEqualTo(Date.from(CaseDriver.berlin("2026-11-24T10:00")));
        c.timeIs(Date.from(CaseDriver.berlin("2026-11-24T10:00"))).timerFires("Event_RetryWaitOver");
        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("maria")
                .hasDueDate(Date.from(CaseDriver.berlin("2026-11-24T12:00")));
    }

    @Test
    void aGermanCustomerTheLastChanceCallbackCannotReachIsToldTheSameInGerman() {
        CaseDriver c = open(Map.of("language", "de")).solveAtFirstContactAndClose();
        answers.answer(c.reference, c.surveyToken(), 1, null);
        lastChanceCallbackMissedThreeTimes(c);

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));
        c.runAsyncSteps();

        var letter = c.messages().get(c.messages().size() - 1);
        assertThat(letter.kind()).isEqualTo(CUSTOMER_UNREACHABLE);
        assertThat(letter.body()).contains("Ihr Vorgang ist bereits abgeschlossen")
                .doesNotContain("schreibt", "wird der Vorgang geschlossen");
    }

    @Test
    void aCallbackASupervisorPromisedOnTheLastChanceCallThatIsNotMadeGoesUpToTheAdministrators() {
        CaseDriver c = closedWithABrokenPromise();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        int brokenBefore = promises.countBroken(c.reference);
        int escalationsBefore = c.caseFact(jdbc, "supervisor_escalations");
        int administratorsBefore = c.caseFact(jdbc, "administrator_escalations");

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        assertThat(promises.countBroken(c.reference)).isEqualTo(brokenBefore + 1);
        assertThat(c.task("Task_KeepPromiseAtRisk")).as("maria's own promise: not chased by her peers")
                .hasCandidateGroup("camunda-admin");
        assertThat(engine.getTaskService().getIdentityLinksForTask(c.task("Task_KeepPromiseAtRisk").getId()))
                .noneMatch(link -> "supervisors".equals(link.getGroupId()));
        assertThat(c.task("Task_CallCustomerBack")).as("the call stays hers until someone decides")
                .isAssignedTo("maria");
        assertThat(c.caseFact(jdbc, "administrator_escalations"))
                .as("insights count the administrators brought in, for the case that made the promise")
                .isEqualTo(administratorsBefore + 1);
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("no supervisor was brought in")
                .isEqualTo(escalationsBefore);
        c.complete("Task_KeepPromiseAtRisk", "demo", Map.of("takeover", "myself", "supervisorAction", "Calling now"));
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("demo");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId("Gateway_CallHandedOver").list())
                .filteredOn(passed -> feedbackId(c).equals(passed.getRootProcessInstanceId())).hasSize(1);
    }

    /**
     * The overdue call is the administrators' (same form): a callback one of them promises there and does not make is
     * the supervisors' to keep, as any holder's who is not a supervisor; nobody else stands above the administrators.
     */
    @Test
    void aCallbackAnAdministratorPromisedOnTheOverdueLastChanceCallThatIsNotMadeGoesToTheSupervisors() {
        CaseDriver c = closedWithABrokenPromise();
        c.timePasses(Duration.ofDays(2)).timerFires("Event_LastChanceCallOverdue");
        c.complete("Task_CallForALastChanceOverdue", "demo", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("demo");

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        assertThat(c.task("Task_KeepPromiseAtRisk")).hasCandidateGroup("supervisors");
        assertThat(engine.getTaskService().getIdentityLinksForTask(c.task("Task_KeepPromiseAtRisk").getId()))
                .noneMatch(link -> "camunda-admin".equals(link.getGroupId()));
    }

    @Test
    void aCallbackPromisedOnACallNobodyAnsweredIsRefusedAndNothingIsPromised() {
        CaseDriver c = closedWithABrokenPromise();
        int promisesBefore = c.promises().size();
        Map<String, Object> entered = new HashMap<>(CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        entered.put("lastChanceOutcome", "noAnswer");

        assertThatThrownBy(() -> c.complete("Task_CallForALastChance", "maria", entered))
                .hasMessageContaining("you could not reach the customer, so you promised them no callback");

        assertThat(c.task("Task_CallForALastChance")).isNotNull();
        assertThat(c.promises()).hasSize(promisesBefore);
    }

    @Test
    void aCallbackPromisedOnALastChanceCallCannotWaitForTheCustomersAnswer() {
        CaseDriver c = closedWithABrokenPromise();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));
        int messagesBefore = c.messages().size();

        assertThatThrownBy(() -> c.timePasses(Duration.ofHours(1)).complete("Task_CallCustomerBack", "maria",
                Map.of("callbackOutcome", "waitForCustomer", "callbackNotes", "Needs the card number",
                        "customerQuestion", "Which card?")))
                .hasMessageContaining("the case is closed already, so it cannot wait for the customer's answer");

        assertThat(c.task("Task_CallCustomerBack")).isNotNull();
        assertThat(c.messages()).hasSize(messagesBefore);
    }

    @Test
    void noAnswerAndNothingBrokenEndsWithTheCustomerHeardWhenTheWindowIsOver() {
        CaseDriver c = closedCase();
        ProcessInstance feedback = feedbackOf(c);

        assertThat(c.timerDueDate("Event_SurveyWindowOver")).isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofDays(14))));
        c.timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");

        assertThat(feedback).isEnded().hasPassed("EndEvent_SurveyUnanswered", "EndEvent_NothingBroken")
                .hasNotPassed("Task_CallForALastChance");
        assertThat(c.openTasks()).isEmpty();
    }

    @Test
    void anAnswerAfterTheWindowIsRefusedAndChangesNothing() {
        CaseDriver c = closedCase();
        c.timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");

        assertThatThrownBy(() -> answers.answer(c.reference, c.surveyToken(), 1, "Too late?"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.title()).isEqualTo("Survey closed"));

        assertThat(surveys.of(c.reference).orElseThrow().answered()).isFalse();
    }
}
