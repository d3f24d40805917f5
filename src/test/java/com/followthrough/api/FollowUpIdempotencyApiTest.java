package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * A client that retries a message, call, reopening or confirmation note for a closed case (timeout, lost answer)
 * with the same {@code Idempotency-Key} gets the follow-up case the first request opened, not a second one.
 */
@FollowThroughSpringTest
class FollowUpIdempotencyApiTest {

    static final String PORTAL = "portal:portal";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    FollowUpIdempotencyApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    private CaseDriver closed() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerConfirmsTheSolution();
    }

    @Test
    void aRetriedMessageForAClosedCaseOpensOneFollowUp() throws Exception {
        assertRetryOpensOneFollowUp("messages", "{\"text\": \"It is charged twice again.\", \"channel\": \"email\"}");
    }

    @Test
    void aRetriedCallForAClosedCaseOpensOneFollowUp() throws Exception {
        assertRetryOpensOneFollowUp("calls", "{\"note\": \"Same problem as last month.\"}");
    }

    @Test
    void aRetriedReopeningForAClosedCaseOpensOneFollowUp() throws Exception {
        assertRetryOpensOneFollowUp("reopening", "{\"reason\": \"Still charged twice.\"}");
    }

    @Test
    void aRetriedConfirmationNoteForAClosedCaseOpensOneFollowUp() throws Exception {
        assertRetryOpensOneFollowUp("confirmation", "{\"note\": \"Thanks, but the fee is not back.\"}");
    }

    private void assertRetryOpensOneFollowUp(String endpoint, String body) throws Exception {
        CaseDriver c = closed();
        String key = "retry-" + UUID.randomUUID();

        HttpResponse<String> first = post(c.reference, endpoint, key, body);
        HttpResponse<String> retried = post(c.reference, endpoint, key, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        String followUp = json.readTree(first.body()).path("reference").asText();
        assertThat(followUp).isNotEqualTo(c.reference).matches("SC-\\d{4}-\\d{6}");
        assertThat(json.readTree(retried.body()).path("reference").asText()).isEqualTo(followUp);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(followUpsOf(c.reference)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedNamingTheKeyAndOpensNothing() throws Exception {
        CaseDriver c = closed();
        String key = "retry-" + UUID.randomUUID();
        HttpResponse<String> first = post(c.reference, "messages", key,
                "{\"text\": \"It is charged twice again.\", \"channel\": \"email\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> other = post(c.reference, "messages", key,
                "{\"text\": \"And the invoice is wrong.\", \"channel\": \"email\"}");
        HttpResponse<String> otherEndpoint = post(c.reference, "calls", key, "{}");

        for (HttpResponse<String> refused : java.util.List.of(other, otherEndpoint)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("Idempotency-Key");
        }
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
        assertThat(followUpsOf(c.reference)).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIsRefusedNamingTheHeaderAndOpensNothing() throws Exception {
        CaseDriver c = closed();
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> refused = post(c.reference, "messages", "k".repeat(201),
                "{\"text\": \"It is charged twice again.\", \"channel\": \"email\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Idempotency-Key");
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
        assertThat(followUpsOf(c.reference)).isZero();
    }

    private HttpResponse<String> post(String reference, String endpoint, String key, String body) throws Exception {
        return http.send(http.request("/api/cases/" + reference + "/" + endpoint, PORTAL)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long followUpsOf(String reference) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .variableValueEquals("followUpOf", reference).count();
    }
}
