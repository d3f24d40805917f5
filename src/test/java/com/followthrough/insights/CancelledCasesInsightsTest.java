package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
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
        HttpResponse<String> cancel = http.send(http.request("/engine-rest/process-instance/" + c.instance.getId()
                + "?skipCustomListeners=true&skipIoMappings=true", "demo:demo").DELETE());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(204);
        assertThat(c.instance).isEnded();
    }

    private static Date at(String time) {
        return Date.from(CaseDriver.berlin(DAY + "T" + time));
    }

    private JsonNode insightsOfTheDay() throws Exception {
        HttpResponse<String> response = http.get("/api/insights?from=" + DAY + "&to=" + DAY, "alex:alex");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
