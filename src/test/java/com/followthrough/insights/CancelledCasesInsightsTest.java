package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.casefile.CaseFile;
import com.followthrough.casefile.CaseFiles;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * A cancelled case leaves nothing open and loses nothing: the callback it promised is cancelled with it (neither kept
 * nor broken, no longer counted as open), and a pause under way while it waited on the customer is counted. Cancelled
 * both ways: as Cockpit's "Cancel process instance" does (the engine's REST API, no reason, custom listeners skipped)
 * and through the engine's API with a reason. The cases are opened on Monday 13 March 2034, a day no other test uses.
 */
@FollowThroughSpringTest
class CancelledCasesInsightsTest {

    static final String DAY = "2034-03-13";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseFiles caseFiles;
    @Autowired JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    CancelledCasesInsightsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theOpenPromiseOfACancelledCaseIsCancelledWithItAndNoLongerCountsAsOpen() throws Exception {
        CaseDriver inCockpit = caseWithACallbackPromisedAt("09:30");
        CaseDriver withAReason = caseWithACallbackPromisedAt("09:40");
        CaseDriver running = caseWithACallbackPromisedAt("09:50");

        ClockUtil.setCurrentTime(at("10:00"));
        cancelAsCockpitDoes(inCockpit);
        ClockUtil.setCurrentTime(at("10:05"));
        engine.getRuntimeService().deleteProcessInstance(withAReason.instance.getId(), "Duplicate of another case");

        Promise cancelledInCockpit = inCockpit.promises().get(0);
        assertThat(cancelledInCockpit.status()).isEqualTo(Promise.Status.CANCELLED);
        assertThat(cancelledInCockpit.cancelledAt()).isEqualTo(at("10:00").toInstant());
        assertThat(cancelledInCockpit.brokenAt()).as("nobody broke it").isNull();
        assertThat(withAReason.promises()).singleElement().extracting(Promise::status)
                .isEqualTo(Promise.Status.CANCELLED);
        assertThat(running.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.OPEN);
        assertThat(outcome(inCockpit)).as("the insights see the cancellation the listener saw").isEqualTo("cancelled");
        assertThat(outcome(withAReason)).isEqualTo("cancelled");

        JsonNode promisesOfTheDay = insightsOfTheDay().get("promises");
        assertThat(promisesOfTheDay.get("made").asInt()).isEqualTo(3);
        assertThat(promisesOfTheDay.get("open").asInt()).as("only the one a running case still owes").isEqualTo(1);
        assertThat(promisesOfTheDay.get("cancelled").asInt()).isEqualTo(2);
        assertThat(promisesOfTheDay.get("broken").asInt()).isZero();
        assertThat(promisesOfTheDay.get("keptPercent").isNull()).as("none was due").isTrue();
        assertThat(promisesOfTheDay.get("brokenByOwner")).isEmpty();
        assertThat(caseFiles.read(inCockpit.reference).promises()).singleElement()
                .extracting(CaseFile.PromiseMade::status).isEqualTo("cancelled");
    }

    /**
     * An operator cancels only a case's "Keep the promise" in Cockpit. Nobody calls, so the promise is cancelled,
     * neither kept nor broken (beside an answer owed it stayed open for ever), and the case, whether it did nothing
     * else or answers the customer's message beside it, runs on at its owner's "Promise a callback"
     * (KeepPromiseCancelledAloneProcessTest; the engine used to cancel a case that did nothing else whole). Opened on
     * Monday 27 March 2034, a day no other test uses.
     */
    @Test
    void aPromiseWhoseKeepThePromiseAloneIsCancelledInCockpitIsCancelledWhileTheCaseRunsOn() throws Exception {
        String day = "2034-03-27";
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(day + "T09:30")));
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6))
                .customerWrites("Any news about the refund?");
        CaseDriver nothingElse = CaseDriver.open(engine, inbox, messages, promises,
                        new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6));

        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(day + "T10:00")));
        cancelAsCockpitDoes(keepingThePromiseOf(c));
        cancelAsCockpitDoes(keepingThePromiseOf(nothingElse));

        assertThat(nothingElse.instance).as("not cancelled with its only step").isNotEnded();
        assertThat(outcome(nothingElse)).as("running: no outcome").isNull();
        assertThat(nothingElse.promises()).singleElement().extracting(Promise::status)
                .isEqualTo(Promise.Status.CANCELLED);

        assertThat(c.instance).isNotEnded();
        assertThat(c.openTasks()).as("the answer owed runs on; the owner promises a new time")
                .extracting(task -> task.getTaskDefinitionKey())
                .containsExactlyInAnyOrder("Task_AnswerCustomerMessage", "Task_PromiseCallback");
        Promise promise = c.promises().get(0);
        assertThat(promise.status()).isEqualTo(Promise.Status.CANCELLED);
        assertThat(promise.cancelledAt()).isEqualTo(CaseDriver.berlin(day + "T10:00"));
        assertThat(promise.brokenAt()).as("nobody broke it").isNull();
        HttpResponse<String> caseFile = http.get("/api/cases/" + c.reference, "maria:maria");
        assertThat(caseFile.statusCode()).as(caseFile.body()).isEqualTo(200);
        assertThat(json.readTree(caseFile.body()).at("/promises/0/status").asText()).isEqualTo("cancelled");
        JsonNode promisesOfTheDay = insights(day).get("promises");
        assertThat(promisesOfTheDay.get("open").asInt()).as("nobody keeps it").isZero();
        assertThat(promisesOfTheDay.get("cancelled").asInt()).isEqualTo(2);
        assertThat(promisesOfTheDay.get("broken").asInt()).isZero();
        for (CaseDriver runningOn : new CaseDriver[] {c, nothingElse}) {
            assertThat(promiseEventsInTheTimeline(runningOn)).as("the case was not cancelled")
                    .contains("Promise cancelled").doesNotContain("Promise cancelled with the case");
        }
    }

    private List<String> promiseEventsInTheTimeline(CaseDriver c) throws Exception {
        HttpResponse<String> timeline = http.get("/api/insights/cases/" + c.reference + "/timeline", "alex:alex");
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        json.readTree(timeline.body()).get("events").forEach(event -> {
            if ("promise".equals(event.get("type").asText())) {
                titles.add(event.get("title").asText());
            }
        });
        return titles;
    }

    /** The case's outcome as the insights count it (ft_case_fact). */
    private String outcome(CaseDriver c) {
        return jdbc.sql("SELECT outcome FROM ft_case_fact WHERE process_instance_id = ?").param(c.instance.getId())
                .query(String.class).optional().orElse(null);
    }

    private String keepingThePromiseOf(CaseDriver c) {
        return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(c.instance.getId())
                .singleResult().getId();
    }

    @Test
    void aCaseCancelledWhileItWaitsOnTheCustomerCountsThePauseUnderWay() throws Exception {
        ClockUtil.setCurrentTime(at("10:00"));
        CaseDriver inCockpit = caseThatAsksTheCustomer();
        CaseDriver withAReason = caseThatAsksTheCustomer();

        ClockUtil.setCurrentTime(at("11:30"));
        cancelAsCockpitDoes(inCockpit);
        engine.getRuntimeService().deleteProcessInstance(withAReason.instance.getId(), "The customer withdrew it");
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2034-03-15T12:00")));

        for (CaseDriver cancelled : new CaseDriver[] {inCockpit, withAReason}) {
            assertThat(cancelled.caseFact(jdbc, "paused_minutes")).as("10:00-11:30, waitingOnCustomer").isEqualTo(90);
            CaseFile file = caseFiles.read(cancelled.reference);
            assertThat(file.slaPaused()).as("the clock stands no more").isFalse();
            assertThat(file.pausedMinutes()).as("not counting on after the case ended").isEqualTo(90L);
        }
        JsonNode waiting = insightsOfTheDay().get("waitingOnCustomer");
        assertThat(waiting.get("cases").asInt()).isEqualTo(2);
        assertThat(waiting.get("pausedMinutes").asInt()).isEqualTo(180);
    }

    private CaseDriver caseWithACallbackPromisedAt(String time) {
        ClockUtil.setCurrentTime(at(time));
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6));
    }

    private CaseDriver caseThatAsksTheCustomer() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of())
                .complete("Task_DiagnoseProblem", "anna", Map.of("diagnosis", "Which card was charged twice?",
                        "faultParty", "company", "diagnosisOutcome", "waitForCustomer",
                        "customerQuestion", "Which card was charged twice?"));
        assertThat(c.variable("resolutionPausedAt")).as("the clock stands while we wait").isNotNull();
        return c;
    }

    /** Cockpit's "Cancel process instance", with its defaults: no reason, custom listeners and IO mappings skipped. */
    private void cancelAsCockpitDoes(CaseDriver c) throws Exception {
        cancelAsCockpitDoes(c.instance.getId());
        assertThat(c.instance).isEnded();
    }

    private void cancelAsCockpitDoes(String processInstanceId) throws Exception {
        HttpResponse<String> cancel = http.send(http.request("/engine-rest/process-instance/" + processInstanceId
                + "?skipCustomListeners=true&skipIoMappings=true", "demo:demo").DELETE());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(204);
    }

    private static Date at(String time) {
        return Date.from(CaseDriver.berlin(DAY + "T" + time));
    }

    private JsonNode insightsOfTheDay() throws Exception {
        return insights(DAY);
    }

    private JsonNode insights(String day) throws Exception {
        HttpResponse<String> response = http.get("/api/insights?from=" + day + "&to=" + day, "alex:alex");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
