package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.HeldTransaction;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.Survey;
import com.followthrough.feedback.Surveys;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * The customer answers the satisfaction survey from the link in our message: the page and
 * {@code POST /api/cases/{reference}/satisfaction} work without a login, and the token decides.
 */
@FollowThroughSpringTest
class SatisfactionApiTest {

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired Surveys surveys;
    @Autowired PlatformTransactionManager transactions;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    SatisfactionApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private CaseDriver closedCase() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).solveAtFirstContactAndClose();
    }

    private HttpResponse<String> answer(CaseDriver c, String token, int rating, String comment) throws Exception {
        return http.postJson("/api/cases/" + c.reference + "/satisfaction", null,
                json.writeValueAsString(Map.of("token", token, "rating", rating, "comment", comment)));
    }

    @Test
    void theCustomerAnswersWithoutALoginAndTheAnswerReachesTheCase() throws Exception {
        CaseDriver c = closedCase();

        HttpResponse<String> accepted = answer(c, c.surveyToken(), 5, "Quick, friendly, and you called back as promised.");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).path("rating").asInt()).isEqualTo(5);
        Survey answered = surveys.of(c.reference).orElseThrow();
        assertThat(answered.rating()).isEqualTo(5);
        assertThat(answered.comment()).isEqualTo("Quick, friendly, and you called back as promised.");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("Task_ReadSurveyComment")
                .processInstanceId(feedbackInstanceOf(c)).count()).as("the feedback went on without any user, to the owner").isOne();
    }

    /**
     * The thank-you promises a reader only where the answer has one (decision SurveyAnswerReader): a poor rating goes
     * to a supervisor, a comment to the owner, and a fair or good rating without a comment is only counted. The page
     * said "we will read it" to every answer, also to the rating nobody reads.
     */
    @Test
    void theAnswerSaysWhoReadsItAndThePageThanksAccordingly() throws Exception {
        CaseDriver first = closedCase();
        HttpResponse<String> poor = answer(first, first.surveyToken(), 2, "");
        CaseDriver second = closedCase();
        HttpResponse<String> comment = answer(second, second.surveyToken(), 4, "Friendly, but it took a week.");
        CaseDriver third = closedCase();
        HttpResponse<String> ratingOnly = answer(third, third.surveyToken(), 5, "");

        assertThat(List.of(poor, comment, ratingOnly)).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(json.readTree(poor.body()).path("readBy").asText()).isEqualTo("supervisor");
        assertThat(json.readTree(comment.body()).path("readBy").asText()).isEqualTo("owner");
        assertThat(json.readTree(ratingOnly.body()).path("readBy").asText()).isEqualTo("nobody");

        String page = http.get("/survey.html?case=SC-2026-000001&token=abc&lang=en", null).body();
        assertThat(page).contains("t.thanks[answer.readBy]",
                "supervisor: 'Thank you. We have your answer, and one of our team leads will read it.'",
                "owner: 'Thank you. We have your answer, and we will read it.'",
                "nobody: 'Thank you. We have your rating: it counts in how we measure our service.'",
                "supervisor: 'Vielen Dank. Ihre Antwort ist angekommen, und eine unserer Teamleitungen liest sie.'",
                "owner: 'Vielen Dank. Ihre Antwort ist angekommen, und wir lesen sie.'",
                "nobody: 'Vielen Dank. Ihre Bewertung ist angekommen und fließt in die Auswertung unseres Service"
                        + " ein.'",
                "we read every comment", "Wir lesen jeden Kommentar")
                .doesNotContain("we read every answer", "Wir lesen jede Antwort");
    }

    @Test
    void readersOfTheCaseSeeTheSurveyMessageButNotItsToken() throws Exception {
        CaseDriver c = closedCase();
        String token = c.surveyToken();

        String file = http.get("/api/cases/" + c.reference, "portal:portal").body();

        assertThat(file).contains("satisfactionSurvey", "token=(hidden)").doesNotContain(token);
    }

    @Test
    void aPoorRatingFromTheLinkPutsTheCallInTheSupervisorsQueue() throws Exception {
        CaseDriver c = closedCase();

        assertThat(answer(c, c.surveyToken(), 1, "Nobody called me back.").statusCode()).isEqualTo(202);

        var call = c.task("Task_CallForALastChance");
        assertThat(engine.getTaskService().getIdentityLinksForTask(call.getId()))
                .extracting(link -> link.getGroupId()).containsExactly("supervisors");
        assertThat(engine.getTaskService().getVariable(call.getId(), "satisfactionComment")).isEqualTo("Nobody called me back.");
    }

    @Test
    void aSecondAnswerIsRefusedAndTheFirstStands() throws Exception {
        CaseDriver c = closedCase();
        assertThat(answer(c, c.surveyToken(), 4, "Good").statusCode()).isEqualTo(202);
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> again = answer(c, c.surveyToken(), 1, "Changed my mind");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("title").asText()).isEqualTo("Survey already answered");
        assertThat(json.readTree(again.body()).path("errors").findValuesAsText("field")).containsExactly("reference");
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
        assertThat(surveys.of(c.reference).orElseThrow().rating()).isEqualTo(4);
    }

    /**
     * References are counted up (SC-2026-000001, ...): a stranger without the link must not learn from the answer
     * which of them are cases closed with a survey. A wrong token reads as a case with no survey, and changes nothing.
     */
    @Test
    void aWrongTokenTellsAStrangerNothingAboutTheCase() throws Exception {
        CaseDriver c = closedCase();
        CaseDriver open = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String stranger = "A".repeat(43);
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> wrongToken = answer(c, stranger, 1, "Guessing");
        HttpResponse<String> noSurvey = answer(open, stranger, 1, "Guessing");
        HttpResponse<String> noCase = http.postJson("/api/cases/SC-2026-999995/satisfaction", null,
                json.writeValueAsString(Map.of("token", stranger, "rating", 1, "comment", "Guessing")));

        assertThat(wrongToken.statusCode()).as(wrongToken.body()).isEqualTo(404);
        for (HttpResponse<String> other : List.of(noSurvey, noCase)) {
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(json.readTree(other.body()).path("errors")).isEqualTo(json.readTree(wrongToken.body()).path("errors"));
            assertThat(json.readTree(other.body()).path("title")).isEqualTo(json.readTree(wrongToken.body()).path("title"));
        }
        assertThat(json.readTree(wrongToken.body()).path("detail").asText())
                .isEqualTo("There is no satisfaction survey for case " + c.reference + " with this link.");
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
        assertThat(surveys.of(c.reference).orElseThrow().answered()).isFalse();
    }

    @Test
    void anAnswerAfterTheSurveyWindowIsRefusedAndChangesNothing() throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
        CaseDriver c = closedCase();
        c.timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> late = answer(c, c.surveyToken(), 2, "Sorry, I was on holiday");

        assertThat(late.statusCode()).isEqualTo(409);
        JsonNode problem = json.readTree(late.body());
        assertThat(problem.path("title").asText()).isEqualTo("Survey closed");
        assertThat(problem.path("detail").asText()).contains(c.reference);
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("reference");
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
    }

    @Test
    void anAnswerSentAsTheSurveyWindowClosesIsRefusedAsLateAndChangesNothing() throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
        CaseDriver c = closedCase();
        String token = c.surveyToken();
        c.timePasses(Duration.ofDays(14));
        String windowOver = engine.getManagementService().createJobQuery().processInstanceId(feedbackInstanceOf(c))
                .activityId("Event_SurveyWindowOver").singleResult().getId();

        HttpResponse<String> late;
        try (HeldTransaction closing = HeldTransaction.of(transactions, jdbc,
                () -> engine.getManagementService().executeJob(windowOver))) {
            late = answer(c, token, 2, "Sorry, I was on holiday");
            assertThat(closing.someoneWaited()).as("the answer met the closing window").isTrue();
        }

        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(json.readTree(late.body()).path("title").asText()).isEqualTo("Survey closed");
        assertThat(surveys.of(c.reference).orElseThrow().answered()).isFalse();
    }

    @Test
    void theSurveyPageIsServedWithoutALoginAndSendsTheAnswerToTheApi() throws Exception {
        HttpResponse<String> page = http.get("/survey.html?case=SC-2026-000001&token=abc&lang=de", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("'api/cases/' + encodeURIComponent(reference) + '/satisfaction'",
                "Wie zufrieden sind Sie mit uns?", "How did we do?");
        assertThat(page.body()).as("no external assets").doesNotContain("src=\"http", "href=\"http", "@import");
    }

    /**
     * A closed survey or a broken link tells the customer to call us: the page gives the number they call, the one the
     * mails' signature gives (follow-through.support.phone-number), in both languages.
     */
    @Test
    void theSurveyPageGivesTheNumberToCallWhereItAsksTheCustomerToCall() throws Exception {
        HttpResponse<String> page = http.get("/survey.html?case=SC-2026-000001&token=abc&lang=en", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<meta name=\"support-phone\" content=\"+49 30 1234 5678\">",
                "please call us on ' + phone + ' and quote your case reference",
                "rufen Sie uns bitte unter ' + phone + ' an und nennen Sie Ihre Vorgangsnummer",
                "or call us on ' + phone + ' and quote your case reference",
                "oder rufen Sie uns unter ' + phone + ' an und nennen Sie Ihre Vorgangsnummer")
                .doesNotContain("please call us and", "call us and quote", "rufen Sie uns bitte an",
                        "rufen Sie uns an");
    }

    /**
     * A customer who opens the survey link again (a second tab, the back button) gets the page from the browser's
     * cache, as a static file would be: the page carries a validator and a repeated request with it is answered 304.
     */
    @Test
    void theSurveyPageIsNotSentAgainToABrowserThatHasIt() throws Exception {
        HttpResponse<String> first = http.get("/survey.html?case=SC-2026-000001&token=abc&lang=en", null);
        String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on the page"));

        HttpResponse<String> again = http.send(http.request("/survey.html?case=SC-2026-000001&token=abc&lang=en", null)
                .header("If-None-Match", etag).GET());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(first.headers().firstValue("Cache-Control")).as("checked again before it is used")
                .hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
    }

    private String feedbackInstanceOf(CaseDriver c) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.CUSTOMER_FEEDBACK)
                .processInstanceBusinessKey(c.reference).singleResult().getId();
    }
}
