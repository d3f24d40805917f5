package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.HeldTransaction;
import com.followthrough.TestPostgres;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Two people act on one task at the same moment, in Tasklist or over Camunda's REST API: the owner and a supervisor
 * both enter the callback promise, or both claim a task in the queue. The first one's entry stands; the second is told
 * plainly ({@code 409}, no engine code) that someone else changed the task, with nothing of theirs saved: one promise,
 * one mail to the customer.
 */
@FollowThroughSpringTest
class OneTaskTwoPeopleTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    OneTaskTwoPeopleTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void clockBack() {
        ClockUtil.reset();
    }

    /** Tasklist's own API (a signed-in session) and Camunda's REST API (basic authentication). */
    static final String TASKLIST = "/camunda/api/engine/engine/default";
    static final String ENGINE_REST = "/engine-rest";

    @ParameterizedTest
    @ValueSource(strings = {TASKLIST, ENGINE_REST})
    void aSecondPromiseEnteredAtTheSameMomentIsRefusedAndOnlyTheFirstIsMadeAndMailed(String api) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
        String promise = c.task("Task_PromiseCallback").getId();

        Poster maria = maria(api);
        HttpResponse<String> second;
        try (HeldTransaction annas = HeldTransaction.of(transactions, jdbc, () -> engine.getTaskService()
                .complete(promise, callbackIn(Duration.ofHours(2), "Ask billing to reverse the second debit")))) {
            second = maria.post("/task/" + promise + "/complete", "{\"variables\": " + json.writeValueAsString(Map.of(
                            "nextActions", Map.of("value", "Refund the fee"),
                            "callbackAt", Map.of("value", callbackAt(Duration.ofHours(3))),
                            "callbackNumber", Map.of("value", "+1 555 0100"))) + "}");
            assertThat(annas.someoneWaited()).as("Maria's entry met Anna's: %s", second.body()).isTrue();
        }
        c.runAsyncSteps();

        assertRefusedAsChangedMeanwhile(second);
        assertThat(c.promises()).as("one promise, Anna's").singleElement()
                .satisfies(made -> assertThat(made.nextActions()).isEqualTo("Ask billing to reverse the second debit"));
        assertThat(c.messagesSent()).as("the customer hears of one promise")
                .containsOnlyOnce(MessageKind.PROMISE_CONFIRMATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {TASKLIST, ENGINE_REST})
    void aSecondClaimAtTheSameMomentIsRefusedAndTheFirstStands(String api) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = c.task("Task_ListenToCustomer").getId();

        Poster maria = maria(api);
        HttpResponse<String> second;
        try (HeldTransaction annas = HeldTransaction.of(transactions, jdbc,
                () -> engine.getTaskService().claim(listen, "anna"))) {
            second = maria.post("/task/" + listen + "/claim", "{\"userId\": \"maria\"}");
            assertThat(annas.someoneWaited()).as("Maria's claim met Anna's").isTrue();
        }

        assertRefusedAsChangedMeanwhile(second);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
    }

    /**
     * Another transaction holds the task longer than the database waits for a lock (H2: two seconds): Maria's claim
     * and her entry are refused as changed meanwhile, not with a {@code 500}, and nothing of hers is saved.
     */
    @ParameterizedTest
    @ValueSource(strings = {TASKLIST, ENGINE_REST})
    void aClaimOrEntryKeptWaitingForALockIsRefusedAsChangedMeanwhile(String api) throws Exception {
        assumeFalse(TestPostgres.isTheTestDatabase(), "PostgreSQL waits for a lock without a timeout by default");
        CaseDriver queued = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = queued.task("Task_ListenToCustomer").getId();
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
        String promise = c.task("Task_PromiseCallback").getId();

        Poster maria = maria(api);
        HttpResponse<String> claim;
        HttpResponse<String> entry;
        HeldTransaction tasksHeld = HeldTransaction.untilClosed(transactions, jdbc, () -> jdbc.sql(
                "SELECT ID_ FROM ACT_RU_TASK WHERE ID_ IN (?, ?) FOR UPDATE").params(listen, promise)
                .query(String.class).list());
        try (tasksHeld) {
            claim = maria.post("/task/" + listen + "/claim", "{\"userId\": \"maria\"}");
            entry = maria.post("/task/" + promise + "/complete", "{\"variables\": " + json.writeValueAsString(Map.of(
                    "nextActions", Map.of("value", "Refund the fee"),
                    "callbackAt", Map.of("value", callbackAt(Duration.ofHours(3))),
                    "callbackNumber", Map.of("value", "+1 555 0100"))) + "}");
        }
        assertThat(tasksHeld.someoneWaited()).as("Maria waited on the held tasks").isTrue();

        assertRefusedAsChangedMeanwhile(claim);
        assertRefusedAsChangedMeanwhile(entry);
        assertThat(queued.task("Task_ListenToCustomer").getAssignee()).as("still in the queue").isNull();
        assertThat(c.task("Task_PromiseCallback")).as("still open").isNotNull();
        assertThat(c.promises()).as("no promise of Maria's").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {TASKLIST, ENGINE_REST})
    void aClaimOfATaskSomeoneHasIsRefusedNamingNoEngineCode(String api) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = c.claim("Task_ListenToCustomer", "anna");

        Poster maria = maria(api);
        HttpResponse<String> second = maria.post("/task/" + listen + "/claim", "{\"userId\": \"maria\"}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(json.readTree(second.body()).path("message").asText()).contains("already claimed")
                .doesNotContain("ENGINE-");
        assertThat(json.readTree(second.body()).path("errors").path(0).path("field").asText()).as(second.body())
                .isEqualTo("taskId");
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
    }

    private void assertRefusedAsChangedMeanwhile(HttpResponse<String> second) throws Exception {
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        JsonNode problem = json.readTree(second.body());
        assertThat(problem.path("message").asText()).as(second.body())
                .contains("changed", "nothing", "again").doesNotContain("ENGINE-");
        assertThat(problem.path("errors").path(0).path("field").asText()).as("names the task, as our other 409s do")
                .isEqualTo("taskId");
    }

    /** A POST of Maria's to the API, signed in beforehand. */
    private interface Poster {
        HttpResponse<String> post(String path, String body) throws Exception;
    }

    private Poster maria(String api) throws Exception {
        if (api.equals(ENGINE_REST)) {
            return (path, body) -> http.postJson(api + path, "maria:maria", body);
        }
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "maria");
        return (path, body) -> tasklist.postJson(api + path, body);
    }

    private static Map<String, Object> callbackIn(Duration fromNow, String nextActions) {
        return Map.of("nextActions", nextActions, "callbackAt", callbackAt(fromNow), "callbackNumber", "+1 555 0100");
    }

    private static String callbackAt(Duration fromNow) {
        return CaseDriver.now().plus(fromNow).atOffset(ZoneOffset.ofHours(1)).toString();
    }
}
