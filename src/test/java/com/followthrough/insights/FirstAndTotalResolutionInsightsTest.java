package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
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
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * First resolution and total resolution, as Plain reports them, and the time the clock stood still waiting on the
 * customer (issue 15, items 1 and 3), with known answers: three premium cases opened at 09:00 on Monday 7 April 2031
 * (premium: Mon–Sat 08:00–20:00, resolve within P3D), a day no other test uses.
 * <ul>
 * <li>reopened: resolved at 10:00 (first: 60 min), reopened at 11:00, resolved again at 13:00 (total: 240 min);</li>
 * <li>once: resolved at 11:00 (first and total: 120 min);</li>
 * <li>waited: asked the customer at 10:00, answered at 12:00 (120 business minutes paused), resolved at 13:00
 * (first and total: 240 min).</li>
 * </ul>
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstAndTotalResolutionInsightsTest {

    static final String DAY = "2031-04-07";
    static final String ALEX = "alex:alex";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private CaseDriver reopened;

    FirstAndTotalResolutionInsightsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    private static Date at(String time) {
        return Date.from(CaseDriver.berlin(DAY + "T" + time));
    }

    private CaseDriver openAt9() {
        ClockUtil.setCurrentTime(at("09:00"));
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .timeIs(at("09:30")).listen("anna", Map.of());
    }

    @BeforeAll
    void generateHistory() {
        try {
            reopened = openAt9().timeIs(at("10:00")).diagnose("solved", "company").resolve("company", 0)
                    .timeIs(at("11:00")).customerWrites("It is still charged twice.")
                    .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                            "replyNote", "Second debit still there"));
            reopenedTargetAfterReopening = (Date) reopened.variable("resolutionDueAt");
            reopened.timeIs(at("13:00")).diagnose("solved", "company").resolve("company", 0);

            openAt9().timeIs(at("11:00")).diagnose("solved", "company").resolve("company", 0);

            CaseDriver waited = openAt9().timeIs(at("10:00")).complete("Task_DiagnoseProblem", "anna", Map.of(
                    "diagnosis", "Which card?", "faultParty", "unknown", "diagnosisOutcome", "waitForCustomer",
                    "customerQuestion", "Which card was charged twice?"));
            waited.timeIs(at("12:00")).customerWrites("The Visa.")
                    .timeIs(at("13:00")).diagnose("solved", "company").resolve("company", 0);
        } finally {
            ClockUtil.reset();
        }
    }

    private Date reopenedTargetAfterReopening;

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aReopenedCaseGetsAFreshTargetCountedFromTheReopening() {
        assertThat(reopenedTargetAfterReopening).as("P3D on premium from Monday 11:00, not the old target")
                .isEqualTo(Date.from(CaseDriver.berlin("2031-04-10T11:00")));
    }

    @Test
    void firstResolutionAndTotalResolutionAreReportedSeparately() throws Exception {
        JsonNode insights = insights();

        JsonNode first = insights.get("firstResolution");
        assertThat(first.get("measured").asInt()).isEqualTo(3);
        assertThat(first.get("medianMinutes").asDouble()).as("60, 120, 240").isEqualTo(120.0);
        assertThat(first.get("p90Minutes").asDouble()).isEqualTo(216.0);
        JsonNode total = insights.get("totalResolution");
        assertThat(total.get("measured").asInt()).isEqualTo(3);
        assertThat(total.get("medianMinutes").asDouble()).as("240, 120, 240").isEqualTo(240.0);
        assertThat(total.get("p90Minutes").asDouble()).isEqualTo(240.0);
        assertThat(insights.get("resolution")).as("the existing field is the total resolution").isEqualTo(total);
    }

    @Test
    void theTimeSpentWaitingOnTheCustomerIsCounted() throws Exception {
        JsonNode waiting = insights().get("waitingOnCustomer");

        assertThat(waiting.get("cases").asInt()).isEqualTo(1);
        assertThat(waiting.get("pausedMinutes").asInt()).as("10:00 to 12:00 on a working Monday").isEqualTo(120);
    }

    private JsonNode insights() throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2031-04-20T12:00")));
        try {
            HttpResponse<String> response = http.get("/api/insights?from=" + DAY + "&to=" + DAY, ALEX);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } finally {
            ClockUtil.reset();
        }
    }
}
