package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.PersonNames;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * A case's history shows everything people did for the customer, also after the case closed: the survey, the comment
 * the owner read, the last-chance call and the callback promised on it (its own KeepPromise, called by the customer
 * feedback, not by the case). One case, opened on Monday 1 September 2031, a day no other test uses.
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseTimelineTest {

    static final String DAY = "2031-09-01";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired SurveyAnswers answers;
    @Autowired PersonNames people;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private CaseDriver c;

    CaseTimelineTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeAll
    void closeACaseAndHearTheCustomerAfterIt() {
        try {
            ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(DAY + "T09:00")));
            // anna breaks her promise, maria keeps it; the broken promise brings a last-chance call at closing.
            c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                    .timePasses(Duration.ofMinutes(10)).closeAfterABrokenPromise();
            // The customer rates 4 with a comment: anna reads it. maria's last-chance call promises a callback.
            c.timePasses(Duration.ofMinutes(30));
            answers.answer(c.reference, c.surveyToken(), 4, "Fine in the end, but nobody called when promised");
            c.runAsyncSteps();
            c.timePasses(Duration.ofMinutes(30))
                    .complete("Task_ReadSurveyComment", "anna", Map.of("commentFollowUp", "Apologised by mail"))
                    .timePasses(Duration.ofMinutes(30))
                    .complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)))
                    .timePasses(Duration.ofHours(1))
                    .complete("Task_CallCustomerBack", "maria", Map.of("callbackOutcome", "reachedSolved",
                            "callbackNotes", "The refund is booked; she stays"));
            assertThat(c.openTasks()).as("everything after the case is done").isEmpty();
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void everyTaskPeopleDidForTheCaseIsAStepOfItsHistoryWithWhoDidItAlsoAfterTheCaseClosed() throws Exception {
        JsonNode timeline = timeline();

        List<HistoricTaskInstance> tasks = engine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(c.reference).orderByHistoricActivityInstanceStartTime().asc().list();
        assertThat(tasks).extracting(HistoricTaskInstance::getTaskDefinitionKey).as("the engine's history")
                .contains("Task_ListenToCustomer", "Task_ReadSurveyComment", "Task_CallForALastChance")
                .filteredOn("Task_CallCustomerBack"::equals).hasSize(2);
        List<String> steps = new ArrayList<>();
        for (JsonNode activity : timeline.get("activities")) {
            if ("userTask".equals(activity.get("activityType").asText())) {
                steps.add(activity.get("activityId").asText() + " by " + activity.path("assigneeName").asText());
            }
        }
        assertThat(steps).as("every task, by the name of who did it").containsExactlyInAnyOrderElementsOf(
                tasks.stream().map(task -> task.getTaskDefinitionKey() + " by " + people.of(task.getAssignee()))
                        .toList());
        List<String> taskEvents = new ArrayList<>();
        for (JsonNode event : timeline.get("events")) {
            if ("task".equals(event.get("type").asText())) {
                taskEvents.add(event.get("title").asText() + ": " + event.get("detail").asText());
            }
        }
        assertThat(taskEvents).as("the timeline's tasks").containsExactlyInAnyOrderElementsOf(tasks.stream()
                .map(task -> task.getName() + ": done by " + people.of(task.getAssignee())).toList());
    }

    @Test
    void theStepsAfterTheCaseClosedFollowItsCloseInTheOrderTheyHappened() throws Exception {
        JsonNode timeline = timeline();

        List<String> ids = timeline.get("activities").findValuesAsText("activityId");
        assertThat(ids).containsSubsequence("Task_ListenToCustomer", "Task_CallCustomerBack", "EndEvent_CaseClosed",
                "Task_CallForALastChance", "Task_ReadSurveyComment", "CallActivity_KeepLastChancePromise",
                "Task_RecordPromise", "Task_CallCustomerBack", "Task_FulfilPromise");
        assertThat(ids).containsSubsequence("EndEvent_CaseClosed", "Task_SendSurvey", "Task_ReadSurveyComment");
        JsonNode lastChance = timeline.get("activities").get(ids.indexOf("Task_CallForALastChance"));
        assertThat(lastChance.get("processDefinitionKey").asText()).isEqualTo(Processes.CUSTOMER_FEEDBACK);
        assertThat(lastChance.get("activityName").asText()).isEqualTo("Call the customer: last chance");
        assertThat(timeline.get("activities").findValuesAsText("startedAt"))
                .isSortedAccordingTo(Comparator.comparing(Instant::parse));
        assertThat(timeline.get("events").findValuesAsText("title")).containsSubsequence(
                "To the customer: closing summary", "Promise made by " + people.of("maria"), "Promise kept");
        assertThat(timeline.get("events").findValuesAsText("type")).as("the survey's decisions too")
                .contains("decision");
    }

    private JsonNode timeline() throws Exception {
        HttpResponse<String> response = http.get("/api/insights/cases/" + c.reference + "/timeline", "alex:alex");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
