package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

/**
 * A case an administrator suspended in Cockpit takes nothing: what the customer sends is refused with a 409 that
 * says so, and changes nothing, so that the integrator keeps it and sends it again, with the same Idempotency-Key,
 * once the case runs again.
 */
@FollowThroughSpringTest
class SuspendedCaseApiTest {

    static final String PORTAL = "portal:portal";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    SuspendedCaseApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    void assertionsOnTheSpringEngine() {
        BpmnAwareTests.init(engine);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "messages     | {\"text\": \"Any news?\", \"channel\": \"email\"}",
            "calls        | {\"note\": \"Please call me.\"}",
            "confirmation | {}",
            "reopening    | {\"reason\": \"Still charged twice.\"}"})
    void whatTheCustomerSendsToASuspendedCaseIsRefusedWithAConflictAndChangesNothing(String endpoint, String body)
            throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0);
        engine.getRuntimeService().suspendProcessInstanceById(c.instance.getId());
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> refused = post(c.reference, endpoint, "suspended-" + endpoint, body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("title").asText()).isEqualTo("Case suspended");
        assertThat(problem.path("detail").asText()).contains(c.reference, "suspended", "again");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("reference");
        assertThat(CaseApiState.of(engine, jdbc)).as("nothing taken, no key recorded").isEqualTo(before);
    }

    @Test
    void theSameMessageSentAgainWithItsKeyOnceTheCaseRunsAgainReachesTheOwner() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of());
        String body = "{\"text\": \"Is there any news?\", \"channel\": \"email\"}";
        engine.getRuntimeService().suspendProcessInstanceById(c.instance.getId());
        assertThat(post(c.reference, "messages", "news-1", body).statusCode()).isEqualTo(409);

        engine.getRuntimeService().activateProcessInstanceById(c.instance.getId());
        HttpResponse<String> delivered = post(c.reference, "messages", "news-1", body);

        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(202);
        assertThat(delivered.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        c.runAsyncSteps();
        assertThat(c.messages()).anyMatch(m -> m.body().equals("Is there any news?"));
        assertThat(c.task("Task_AnswerCustomerMessage").getAssignee()).isEqualTo("anna");
    }

    private HttpResponse<String> post(String reference, String endpoint, String key, String body) throws Exception {
        return http.send(http.request("/api/cases/" + reference + "/" + endpoint, PORTAL)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
