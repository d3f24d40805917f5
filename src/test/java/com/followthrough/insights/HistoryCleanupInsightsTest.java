package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * What an analyst still sees of a case once Camunda's history cleanup has run (docs/analysts.md, "How long each part
 * stays"), with the engine's own cleanup job and the models' {@code historyTimeToLive}. The case is opened on Monday
 * 5 March 2001, long before any other test's, so the cleanup, run at dates in 2001, removes only its history.
 */
@FollowThroughSpringTest
class HistoryCleanupInsightsTest {

    static final String DAY = "2001-03-05";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired SurveyAnswers answers;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    HistoryCleanupInsightsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void afterTheHistoryCleanupTheFiguresOutcomePromisesMessagesAndSurveyStayAndTheStepsGo() throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(DAY + "T09:00")));
        // anna keeps her callback, resolves, the customer confirms; she rates 4 with a comment anna reads 3 days on.
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .timePasses(Duration.ofMinutes(10)).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2)).timePasses(Duration.ofHours(1))
                .callBack("Task_CallCustomerBack", "reachedSolved")
                .timePasses(Duration.ofMinutes(30)).resolve("company", 0).customerConfirmsTheSolution();
        Instant caseEnded = caseInstance(c).getEndTime().toInstant();
        answers.answer(c.reference, c.surveyToken(), 4, "Good, but the first mail was slow");
        c.runAsyncSteps();
        c.timePasses(Duration.ofDays(3))
                .complete("Task_ReadSurveyComment", "anna", Map.of("commentFollowUp", "Apologised for the mail"));
        Instant feedbackEnded = feedbackInstance(c).getEndTime().toInstant();
        Integer timeToLive = engine.getRepositoryService().getProcessDefinition(c.instance.getProcessDefinitionId())
                .getHistoryTimeToLive();
        assertThat(timeToLive).as("the model's historyTimeToLive, in days").isEqualTo(180);
        JsonNode caseBefore = listed(c);
        JsonNode figuresBefore = insights();
        JsonNode timelineBefore = timeline(c);
        assertThat(keys(timelineBefore)).contains(Processes.SUPPORT_CASE, Processes.KEEP_PROMISE,
                Processes.CUSTOMER_FEEDBACK);

        cleanupRunsAt(caseEnded.plus(Duration.ofDays(timeToLive - 1)));
        assertThat(caseInstance(c)).as("a day before its time to live ran out").isNotNull();

        cleanupRunsAt(caseEnded.plus(Duration.ofDays(timeToLive)).plus(Duration.ofHours(1)));
        assertThat(caseInstance(c)).as("the case's history is removed").isNull();
        assertThat(history().createHistoricProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                .processDefinitionKey(Processes.KEEP_PROMISE).count()).as("with the callback it called").isZero();
        assertThat(history().createHistoricTaskInstanceQuery().processInstanceId(c.instance.getId()).count()).isZero();
        assertThat(feedbackInstance(c)).as("the customer feedback ended 3 days later: its history stays").isNotNull();

        assertThat(listed(c)).as("Closed cases: outcome, promises, rating").isEqualTo(caseBefore);
        assertThat(insights()).as("the KPIs").isEqualTo(figuresBefore);
        JsonNode timeline = timeline(c);
        assertThat(timeline.get("outcome").asText()).isEqualTo("solvedAfterCallback");
        assertThat(keys(timeline)).as("only the feedback's steps are left").containsOnly(Processes.CUSTOMER_FEEDBACK);
        assertThat(eventsOf(timeline, "message")).as("the messages stay")
                .isEqualTo(eventsOf(timelineBefore, "message"));
        assertThat(eventsOf(timeline, "promise")).as("the promises stay").isEqualTo(eventsOf(timelineBefore, "promise"))
                .contains("Promise kept");
        assertThat(eventsOf(timeline, "task")).as("the case's tasks are gone, the feedback's stay")
                .singleElement().asString().contains("survey comment");

        cleanupRunsAt(feedbackEnded.plus(Duration.ofDays(timeToLive)).plus(Duration.ofHours(1)));
        assertThat(feedbackInstance(c)).as("180 days after the feedback ended").isNull();
        timeline = timeline(c);
        assertThat(timeline.get("activities")).isEmpty();
        assertThat(timeline.get("events").findValuesAsText("type")).containsOnly("message", "promise");
        assertThat(listed(c)).isEqualTo(caseBefore);
        assertThat(insights()).isEqualTo(figuresBefore);
        assertThat(insights().at("/satisfaction/answered").asInt()).as("the survey, from ft_feedback").isOne();
    }

    /** The engine's history cleanup at that moment: the job it schedules, run until it has nothing more to do. */
    private void cleanupRunsAt(Instant moment) {
        ClockUtil.setCurrentTime(Date.from(moment));
        history().cleanUpHistoryAsync(true);
        for (int run = 0; run < 100; run++) {
            List<Job> due = history().findHistoryCleanupJobs().stream()
                    .filter(job -> job.getDuedate() == null || !job.getDuedate().after(Date.from(moment)))
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("the history cleanup did not finish");
    }

    private HistoryService history() {
        return engine.getHistoryService();
    }

    private HistoricProcessInstance caseInstance(CaseDriver c) {
        return history().createHistoricProcessInstanceQuery().processInstanceId(c.instance.getId()).singleResult();
    }

    private HistoricProcessInstance feedbackInstance(CaseDriver c) {
        return history().createHistoricProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).singleResult();
    }

    private static List<String> keys(JsonNode timeline) {
        return timeline.get("activities").findValuesAsText("processDefinitionKey");
    }

    private static List<String> eventsOf(JsonNode timeline, String type) {
        return java.util.stream.StreamSupport.stream(timeline.get("events").spliterator(), false)
                .filter(event -> type.equals(event.get("type").asText()))
                .map(event -> event.get("title").asText()).toList();
    }

    private JsonNode listed(CaseDriver c) throws Exception {
        JsonNode page = get("/api/insights/cases?state=closed&from=" + DAY + "&to=" + DAY);
        for (JsonNode listed : page.get("cases")) {
            if (listed.get("reference").asText().equals(c.reference)) {
                return listed;
            }
        }
        throw new AssertionError(c.reference + " is not listed: " + page);
    }

    private JsonNode insights() throws Exception {
        JsonNode insights = get("/api/insights?from=" + DAY + "&to=" + DAY);
        assertThat(insights.at("/cases/closed").asInt()).isOne();
        return insights;
    }

    private JsonNode timeline(CaseDriver c) throws Exception {
        return get("/api/insights/cases/" + c.reference + "/timeline");
    }

    private JsonNode get(String path) throws Exception {
        Date now = ClockUtil.getCurrentTime();
        try {
            HttpResponse<String> response = http.get(path, InsightsTest.ALEX);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } finally {
            ClockUtil.setCurrentTime(now);
        }
    }
}
