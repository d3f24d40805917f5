package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import com.followthrough.communication.MessageKind;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * W7: "Don't wait for me to ask for reimbursement ... if you offer it to me I'll remember your solution." A
 * reimbursement we offered before the customer ever asked for money off was offered proactively, whatever they ask
 * later. Two cases opened on Monday 3 November 2031, a day no other test uses: in one the customer asks for a
 * discount on Listen, before the offer; in the other only after the offer, when the case was reopened.
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscountAfterTheOfferTest {

    static final String DAY = "2031-11-03";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    DiscountAfterTheOfferTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeAll
    void generateHistory() {
        try {
            // 1: she asks for a discount on Listen; our fault, 15 EUR: the refund offered after she asked.
            open(1).timePasses(Duration.ofMinutes(10)).listen("anna", Map.of("discountRequested", true))
                    .diagnose("solved", "company").timePasses(Duration.ofMinutes(10)).resolve("company", 15.0)
                    .arrangeReimbursement("Task_ArrangeReimbursement", "anna").customerConfirmsTheSolution();

            // 2: our fault, 15 EUR: the refund offered unasked and paid. A day later the fault is back; she writes
            // that she now wants a discount on top.
            CaseDriver offeredFirst = open(2).timePasses(Duration.ofMinutes(10)).listen("anna", Map.of())
                    .diagnose("solved", "company").timePasses(Duration.ofMinutes(10)).resolve("company", 15.0)
                    .arrangeReimbursement("Task_ArrangeReimbursement", "anna");
            assertThat(offeredFirst.messagesSent()).contains(MessageKind.REIMBURSEMENT_OFFER);
            offeredFirst.timePasses(Duration.ofHours(2)).customerWrites("It charged me twice again.")
                    .complete("Task_DecideOnCustomerReply", "anna",
                            Map.of("replyDecision", "reopen", "replyNote", "Charged twice again"))
                    .timePasses(Duration.ofMinutes(30)).customerWrites("After all this I want a discount.")
                    .complete("Task_AnswerCustomerMessage", "anna", Map.of("answerOutcome", "answered",
                            "replyText", "We are on it; the double charge will be reversed.",
                            "discountRequested", true));
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aReimbursementOfferedBeforeTheCustomerAskedForADiscountWasOfferedProactively() throws Exception {
        JsonNode insights = get("/api/insights?from=" + DAY + "&to=" + DAY);

        assertThat(insights.at("/discountRequests/requested").asInt()).as("both asked").isEqualTo(2);
        assertThat(insights.at("/reimbursements/offered").asInt()).isEqualTo(2);
        assertThat(insights.at("/reimbursements/requestedByCustomer").asInt()).as("case 1 only").isEqualTo(1);
        assertThat(insights.at("/reimbursements/offeredProactively").asInt()).as("case 2").isEqualTo(1);
    }

    private CaseDriver open(int n) {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(DAY + "T09:0" + n)));
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()));
    }

    private JsonNode get(String path) throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-12-20T12:00:00Z")));
        try {
            HttpResponse<String> response = http.get(path, InsightsTest.ALEX);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } finally {
            ClockUtil.reset();
        }
    }
}
