package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

import db.migration.V16_10__Customers_who_came_back_after_no_answer;

/**
 * A case whose work stopped for lack of the customer's answer, where the customer came back before the quiet period
 * ended and said it is solved: they answered, so the case is not closed without an answer. Three cases opened on
 * Monday 6 October 2031, a day no other test uses: one whose late reply the owner decides confirms the solution, one
 * where the customer confirms it with the link, and one nobody hears from again.
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerBackAfterNoAnswerTest {

    static final String DAY = "2031-10-06";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private CaseDriver lateReplyConfirms;
    private CaseDriver confirmedWithTheLink;
    private CaseDriver neverHeardFrom;

    CustomerBackAfterNoAnswerTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeAll
    void generateHistory() {
        try {
            lateReplyConfirms = unanswered(1);
            lateReplyConfirms.timePasses(Duration.ofHours(1)).customerWrites("Sorry, I was away. It works now, thanks!")
                    .complete("Task_DecideOnCustomerReply", "anna",
                            Map.of("replyDecision", "confirmed", "replyNote", "Works now, she says"));
            assertThat(lateReplyConfirms.instance).isEnded();

            confirmedWithTheLink = unanswered(2);
            confirmedWithTheLink.timePasses(Duration.ofHours(1)).customerConfirmsTheSolution();
            assertThat(confirmedWithTheLink.instance).isEnded();

            neverHeardFrom = unanswered(3);
            neverHeardFrom.timeIs(neverHeardFrom.timerDueDate("Event_QuietPeriodOver"))
                    .timerFires("Event_QuietPeriodOver");
            assertThat(neverHeardFrom.instance).isEnded();
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aCustomerWhoCameBackAndConfirmedTheProblemIsSolvedDidAnswer() throws Exception {
        assertThat(outcome(lateReplyConfirms)).as("the late reply, decided as confirming").isEqualTo(
                "confirmedByCustomer");
        assertThat(outcome(confirmedWithTheLink)).as("confirmed with the link").isEqualTo("confirmedByCustomer");
        assertThat(outcome(neverHeardFrom)).as("closed at the end of the quiet period")
                .isEqualTo("closedWithoutAnswer");
        assertThat(timelineOutcome(lateReplyConfirms)).isEqualTo("confirmedByCustomer");
    }

    @Test
    void theRecordsOfEarlierVersionsAreRepairedWhereTheEngineHistoryShowsTheCustomerCameBack() throws Exception {
        // What the versions before this one recorded: every one of the three closed without an answer.
        jdbc.sql("UPDATE ft_case_fact SET outcome = 'closedWithoutAnswer', customer_back_at = NULL"
                        + " WHERE case_reference IN (:references)")
                .param("references", List.of(lateReplyConfirms.reference, confirmedWithTheLink.reference,
                        neverHeardFrom.reference))
                .update();
        try (Connection connection = dataSource.getConnection()) {
            V16_10__Customers_who_came_back_after_no_answer.repair(connection);
        }

        assertThat(outcome(lateReplyConfirms)).isEqualTo("confirmedByCustomer");
        assertThat(outcome(confirmedWithTheLink)).isEqualTo("confirmedByCustomer");
        assertThat(outcome(neverHeardFrom)).isEqualTo("closedWithoutAnswer");
    }

    /** Case n: anna asks the customer which card was charged; no answer, two reminders: the work stops. */
    private CaseDriver unanswered(int n) {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(DAY + "T09:0" + n)));
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .timePasses(Duration.ofMinutes(10)).listen("anna", Map.of())
                .complete("Task_DiagnoseProblem", "anna", Map.of("diagnosis", "Which card was charged twice?",
                        "faultParty", "unknown", "diagnosisOutcome", "waitForCustomer",
                        "customerQuestion", "Which card was charged twice?"));
        for (int firing = 0; firing < 3 && c.hasTimer("Event_ReminderDue"); firing++) {
            c.timeIs(c.timerDueDate("Event_ReminderDue")).timerFires("Event_ReminderDue");
        }
        assertThat(c.instance).hasPassed("Event_NoAnswerFromCustomer").isWaitingAt("Gateway_AwaitCustomer");
        return c;
    }

    private String outcome(CaseDriver c) throws Exception {
        JsonNode page = get("/api/insights/cases?state=closed&from=" + DAY + "&to=" + DAY);
        for (JsonNode listed : page.get("cases")) {
            if (listed.get("reference").asText().equals(c.reference)) {
                return listed.get("outcome").asText();
            }
        }
        throw new AssertionError(c.reference + " is not listed: " + page);
    }

    private String timelineOutcome(CaseDriver c) throws Exception {
        return get("/api/insights/cases/" + c.reference + "/timeline").get("outcome").asText();
    }

    private JsonNode get(String path) throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-11-30T12:00:00Z")));
        try {
            HttpResponse<String> response = http.get(path, InsightsTest.ALEX);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } finally {
            ClockUtil.reset();
        }
    }
}
