package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A generated history (the demo's) runs a whole case with the engine's clock standing still: every step starts in the
 * same millisecond. The case's timeline still lists the steps in the order the case went through them: the callback
 * it promised (its own KeepPromise, called by the case) where the case called it, before the case was resolved and
 * closed, not after the close. So are its events (tasks done, decisions, messages, promises): in the order the steps
 * that did them ran, not all tasks first. Monday 8 and Tuesday 9 September 2031, days no other test uses.
 */
@FollowThroughSpringTest
class CaseTimelineSameMillisecondTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    CaseTimelineSameMillisecondTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aCaseRunInOneMillisecondListsItsCallbackBeforeItsClose() throws Exception {
        JsonNode activities = timelineOfACaseRunAt("2031-09-08T09:00").get("activities");
        assertThat(activities.findValuesAsText("startedAt")).as("one millisecond").containsOnly(
                CaseDriver.berlin("2031-09-08T09:00").toString());
        List<String> ids = activities.findValuesAsText("activityId");
        assertThat(ids).containsSubsequence("Task_ListenToCustomer", "Task_PromiseCallback", "CallActivity_KeepPromise",
                "Task_CallCustomerBack", "Task_ResolveProblem", "EndEvent_CaseClosed");
        assertThat(ids.lastIndexOf("Task_CallCustomerBack")).as("the callback before the close")
                .isLessThan(ids.indexOf("EndEvent_CaseClosed"));
    }

    @Test
    void aCaseRunInOneMillisecondListsItsEventsInTheOrderTheyHappened() throws Exception {
        JsonNode timeline = timelineOfACaseRunAt("2031-09-09T09:00");
        JsonNode events = timeline.get("events");
        String reference = timeline.get("reference").asText();
        assertThat(events.findValuesAsText("at")).as("one millisecond").containsOnly(
                CaseDriver.berlin("2031-09-09T09:00").toString());
        String problem = "Invoice shows the wrong amount — " + reference;
        assertThat(events.findValuesAsText("title")).containsExactly(
                "Service levels", "Team routing", "To the customer: acknowledgment",
                "Listen to Jane Doe — " + reference, "Diagnose: " + problem,
                "Promise Jane Doe a callback — " + reference, "Promise made by Anna Clarke",
                "To the customer: promise confirmation", "Call back Jane Doe — " + reference, "Promise kept",
                "Resolve: " + problem, "To the customer: resolution", "Reimbursement",
                "To the customer: closing summary", "Last chance", "To the customer: satisfaction survey");
    }

    /**
     * The timeline analysts read of a case opened, called back and closed with the clock stopped at {@code berlinTime}:
     * everything in it happened in one millisecond.
     */
    private JsonNode timelineOfACaseRunAt(String berlinTime) throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(berlinTime)));
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "reachedSolved")
                .resolve("company", 0).customerConfirmsTheSolution();
        ClockUtil.reset();

        HttpResponse<String> response = http.get("/api/insights/cases/" + c.reference + "/timeline", "alex:alex");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
