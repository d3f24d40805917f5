package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.HeldTransaction;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * What the customer sends reaches a case at the very moment the engine changes it on another thread: a timer of the
 * case fires, or the owner completes a task. The request has read the case as it was and meets the change when it
 * writes (the engine's optimistic locking). The customer's words must be recorded exactly once and the integrator
 * must get the answer a message a moment later gets, also when it retries with the same key.
 */
@FollowThroughSpringTest
class MessageRacesTheEngineApiTest {

    static final String PORTAL = "portal:portal";
    static final String WORDS = "Any news? The fee is still on my statement.";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    MessageRacesTheEngineApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void clockBack() {
        ClockUtil.reset();
    }

    @Test
    void aMessageArrivingAsTheUpdateIntervalPassesIsAttachedOnce() throws Exception {
        CaseDriver c = inWork();
        Job updateDue = engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId())
                .activityId("StartEvent_UpdateIntervalPassed").singleResult();
        c.timeIs(updateDue.getDuedate());

        assertAttachedOnceAsItRaces(c, () -> engine.getManagementService().executeJob(updateDue.getId()));
    }

    @Test
    void aMessageArrivingAsTheOwnerCompletesATaskIsAttachedOnce() throws Exception {
        CaseDriver c = inWork();
        String diagnose = c.task("Task_DiagnoseProblem").getId();

        assertAttachedOnceAsItRaces(c, () -> engine.getTaskService().complete(diagnose,
                Map.of("diagnosis", "Billing run charged twice", "faultParty", "company",
                        "diagnosisOutcome", "solved")));
    }

    private void assertAttachedOnceAsItRaces(CaseDriver c, Runnable engineChange) throws Exception {
        String key = "race-" + UUID.randomUUID();
        HttpResponse<String> sent;
        try (HeldTransaction change = HeldTransaction.of(transactions, jdbc, engineChange)) {
            sent = post(c.reference, key);
            assertThat(change.someoneWaited()).as("the message met the engine's change").isTrue();
        }

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = json.readTree(sent.body());
        assertThat(answer.path("reference").asText()).isEqualTo(c.reference);
        assertThat(answer.path("attached").asBoolean()).isTrue();
        assertThat(timesOnRecord(c)).as("the customer's words are on the case once").isOne();

        HttpResponse<String> retried = post(c.reference, key);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json.readTree(retried.body())).isEqualTo(answer);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        c.runAsyncSteps();
        assertThat(timesOnRecord(c)).isOne();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_AnswerCustomerMessage").count()).as("the owner answers it once").isOne();
    }

    /** Anna listened to Jane and diagnoses the problem. */
    private CaseDriver inWork() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());
    }

    private HttpResponse<String> post(String reference, String key) throws Exception {
        return http.send(http.request("/api/cases/" + reference + "/messages", PORTAL)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + WORDS + "\", \"channel\": \"chat\"}")));
    }

    private long timesOnRecord(CaseDriver c) {
        return c.messages().stream().filter(m -> m.direction().name().equals("INBOUND") && m.body().equals(WORDS))
                .count();
    }
}
