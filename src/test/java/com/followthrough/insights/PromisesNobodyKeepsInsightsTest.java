package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

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
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

import db.migration.V16_5__Promises_nobody_keeps_are_broken;

/**
 * Promises left open by the defect fixed in 84e99c8: "No answer from the customer" cancelled the running KeepPromise,
 * and its ft_promise row stayed OPEN with no callback task and no timer behind it. The migration V16_5 records them
 * broken when their KeepPromise ended. Two premium cases opened on Monday 6 March 2034, a day no other test uses.
 */
@FollowThroughSpringTest
class PromisesNobodyKeepsInsightsTest {

    static final String DAY = "2034-03-06";
    static final String ALEX = "alex:alex";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    PromisesNobodyKeepsInsightsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aPromiseWhoseKeepPromiseWasCancelledIsBrokenWhenItEndedAndOneStillKeptStaysOpen() throws Exception {
        CaseDriver orphaned = caseWithACallbackPromisedAt("09:30");
        CaseDriver running = caseWithACallbackPromisedAt("09:40");
        // What "No answer from the customer" did before 84e99c8: it ended the call activity, and KeepPromise with it.
        ClockUtil.setCurrentTime(at("10:00"));
        engine.getRuntimeService().createProcessInstanceModification(orphaned.instance.getId())
                .cancelAllForActivity("CallActivity_KeepPromise").startBeforeActivity("Task_PromiseCallback").execute();
        assertThat(orphaned.promises()).as("a KeepPromise cancelled cancels its open promise now (CancelledCases)")
                .singleElement().extracting(Promise::status).isEqualTo(Promise.Status.CANCELLED);
        // The row as the defect left it then.
        try (Connection connection = dataSource.getConnection();
             var leftOpen = connection.prepareStatement(
                     "UPDATE ft_promise SET status = 'OPEN', cancelled_at = NULL WHERE case_reference = ?")) {
            leftOpen.setString(1, orphaned.reference);
            assertThat(leftOpen.executeUpdate()).isEqualTo(1);
        }
        assertThat(orphaned.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.OPEN);
        assertThat(promisesOfTheDay().get("open").asInt()).as("before the repair, counted as open").isEqualTo(2);

        try (Connection connection = dataSource.getConnection()) {
            V16_5__Promises_nobody_keeps_are_broken.breakPromisesNobodyKeeps(connection);
        }

        JsonNode promisesOfTheDay = promisesOfTheDay();
        assertThat(promisesOfTheDay.get("made").asInt()).isEqualTo(2);
        assertThat(promisesOfTheDay.get("open").asInt()).as("only the one a KeepPromise still keeps").isEqualTo(1);
        assertThat(promisesOfTheDay.get("broken").asInt()).isEqualTo(1);
        assertThat(promisesOfTheDay.get("keptPercent").asDouble()).isZero();
        assertThat(promisesOfTheDay.at("/brokenByOwner/0/owner").asText()).as("anna held the callback")
                .isEqualTo("anna");
        Promise broken = orphaned.promises().get(0);
        assertThat(broken.status()).isEqualTo(Promise.Status.BROKEN);
        assertThat(broken.brokenAt()).as("when its KeepPromise ended").isEqualTo(at("10:00").toInstant());
        assertThat(broken.brokenHolder()).isEqualTo("anna");
        assertThat(running.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.OPEN);
        assertThat(running.task("Task_CallCustomerBack").getAssignee()).isEqualTo("anna");
    }

    private CaseDriver caseWithACallbackPromisedAt(String time) {
        ClockUtil.setCurrentTime(at(time));
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6));
    }

    private static Date at(String time) {
        return Date.from(CaseDriver.berlin(DAY + "T" + time));
    }

    private JsonNode promisesOfTheDay() throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2034-03-20T12:00")));
        try {
            HttpResponse<String> response = http.get("/api/insights?from=" + DAY + "&to=" + DAY, ALEX);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body()).get("promises");
        } finally {
            ClockUtil.setCurrentTime(at("10:00"));
        }
    }
}
