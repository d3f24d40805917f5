package com.followthrough.process;

import static com.followthrough.communication.MessageKind.CLOSING_SUMMARY;
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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.api.ApiProblem;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.Survey;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.feedback.SurveyTokens;
import com.followthrough.feedback.Surveys;
import com.followthrough.promise.Promises;

/**
 * Every path of CustomerFeedback ("Hear the customer after the case"): the survey goes out when a case closes, the
 * customer answers or doesn't, and a poor rating or a broken promise or guarantee brings a supervisor's last-chance call.
 */
@FollowThroughSpringTest
class CustomerFeedbackProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension coverage = ProcessCoverage.extension();

    @BeforeAll
    static void recordCoverageOnTheSpringEngine(ApplicationContext spring) {
        ProcessCoverage.useSpringEngine(coverage, spring);
    }

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired SurveyAnswers answers;
    @Autowired Surveys surveys;

    @BeforeEach
    void startOnMondayMorning() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private CaseDriver open(Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    private CaseDriver closedCase() {
        return open(Map.of()).solveAtFirstContactAndClose();
    }

    /** The feedback on a case that just closed, waiting for the customer's answer. */
    private ProcessInstance feedbackOf(CaseDriver c) {
        ProcessInstance feedback = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("CustomerFeedback").processInstanceBusinessKey(c.reference).singleResult();
        assertThat(feedback).as("feedback on case %s", c.reference).isNotNull();
        return feedback;
    }

    private Object feedbackVariable(CaseDriver c, String name) {
        String id = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("CustomerFeedback").processInstanceBusinessKey(c.reference).singleResult().getId();
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
        String trace = c.task("Task_TraceDiscountOffer").getId();
        engine.getTaskService().claim(trace, "maria");

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
    void aGoodRatingIsRecordedAndNobodyNeedsToCall() {
        CaseDriver c = closedCase();
        ProcessInstance feedback = feedbackOf(c);

        answers.answer(c.reference, c.surveyToken(), 5, "Quick and friendly");

        assertThat(feedback).isEnded().hasPassed("Event_SurveyAnswered", "Task_DecideLastChance", "EndEvent_CustomerHeard")
                .hasNotPassed("Task_CallForALastChance");
        assertThat(c.openTasks()).isEmpty();
        assertThat(feedbackVariable(c, "rating")).isEqualTo(5);
        assertThat(feedbackVariable(c, "satisfactionComment")).isEqualTo("Quick and friendly");
        Survey answered = surveys.of(c.reference).orElseThrow();
        assertThat(answered.rating()).isEqualTo(5);
        assertThat(answered.comment()).isEqualTo("Quick and friendly");
        assertThat(answered.answeredAt()).isEqualTo(CaseDriver.now());
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

    @Test
    void anOutcomeOtherThanStaysLeavesOrNoAnswerIsRefusedAndTheCallStaysOpen() {
        CaseDriver c = closedCase();
        answers.answer(c.reference, c.surveyToken(), 1, null);

        assertThatThrownBy(() -> c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "maybe")))
                .hasMessageContaining("lastChanceOutcome (\"How did the call end?\") must be one of [leaves, noAnswer, stays], not 'maybe'");

        assertThat(c.task("Task_CallForALastChance")).isNotNull();
        assertThat(surveys.of(c.reference).orElseThrow().lastChanceOutcome()).isNull();
    }

    @Test
    void noAnswerButABrokenPromiseStillCallsForALastChance() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1));
        c.timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Called myself"))
                .callBack("Task_CallCustomerBack", "reachedSolved")
                .resolve("company", 0).customerConfirmsTheSolution();
        ProcessInstance feedback = feedbackOf(c);

        c.timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");

        assertThat(feedback).hasPassed("Event_SurveyWindowOver").hasNotPassed("Event_SurveyAnswered");
        assertThat(c.task("Task_CallForALastChance")).hasCandidateGroup("supervisors");
        assertThat(feedbackVariable(c, "promisesBroken")).isEqualTo(1);
        assertThat(feedbackVariable(c, "lastChanceReason")).isEqualTo("We broke a promise to call them back.");

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "noAnswer"));
        Survey recorded = surveys.of(c.reference).orElseThrow();
        assertThat(recorded.answered()).isFalse();
        assertThat(recorded.lastChanceOutcome()).isEqualTo("noAnswer");
    }

    @Test
    void noAnswerAndNothingBrokenEndsWithTheCustomerHeardWhenTheWindowIsOver() {
        CaseDriver c = closedCase();
        ProcessInstance feedback = feedbackOf(c);

        assertThat(c.timerDueDate("Event_SurveyWindowOver")).isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofDays(14))));
        c.timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");

        assertThat(feedback).isEnded().hasPassed("EndEvent_CustomerHeard").hasNotPassed("Task_CallForALastChance");
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
