package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * An integrator whose {@code 202} got lost sends the message, call, reopening or confirmation note again with the same
 * {@code Idempotency-Key}. The case was open: the customer's words must reach it once (one message on the case, one
 * "message received" mail, one task), and the retry answers what the first request answered, also when the case has
 * closed in between.
 */
@FollowThroughSpringTest
class OpenCaseIdempotencyApiTest {

    static final String PORTAL = "portal:portal";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    OpenCaseIdempotencyApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /** Anna listened to Jane and works on the problem. */
    private CaseDriver inWork() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());
    }

    private CaseDriver resolved() {
        return inWork().diagnose("solved", "company").resolve("company", 0);
    }

    @Test
    void aRetriedMessageToAnOpenCaseReachesItOnce() throws Exception {
        CaseDriver c = inWork();
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"text\": \"Any news? The bank charges me fees.\", \"channel\": \"web\"}";

        HttpResponse<String> first = post(c.reference, "messages", key, body);
        HttpResponse<String> retried = post(c.reference, "messages", key, body);
        c.runAsyncSteps();

        assertThat(json.readTree(first.body()).path("reference").asText()).isEqualTo(c.reference);
        assertThat(json.readTree(first.body()).has("followUpOf")).isFalse();
        assertThat(inbound(c)).as("the customer's words are on the case once")
                .containsExactly("web: Any news? The bank charges me fees.");
        assertThat(c.messagesSent()).as("Jane is told once that her message arrived")
                .filteredOn(kind -> kind == MessageKind.MESSAGE_RECEIVED).hasSize(1);
        assertThat(tasks(c, "Task_AnswerCustomerMessage")).as("anna is asked once to answer it").isOne();
        assertSameAnswer(first, retried);
    }

    @Test
    void retriesRacingEachOtherWithOneKeyReachTheOpenCaseOnce() throws Exception {
        CaseDriver c = inWork();
        String key = "race-" + UUID.randomUUID();
        String body = "{\"text\": \"Is anyone there?\", \"channel\": \"chat\"}";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(pool.submit(() -> post(c.reference, "messages", key, body)));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        c.runAsyncSteps();

        assertThat(inbound(c)).as("the customer's words are on the case once")
                .containsExactly("chat: Is anyone there?");
        assertThat(tasks(c, "Task_AnswerCustomerMessage")).isOne();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(json.readTree(answer.body()).path("reference").asText()).isEqualTo(c.reference);
        });
        assertThat(answers).filteredOn(answer -> answer.headers().firstValue("Idempotent-Replayed").orElseThrow()
                .equals("false")).as("one request reached the case, the others replay it").hasSize(1);
    }

    @Test
    void aRetriedCallToAnOpenCaseIsNotedOnce() throws Exception {
        CaseDriver c = inWork();
        String key = "retry-" + UUID.randomUUID();

        HttpResponse<String> first = post(c.reference, "calls", key, "{\"note\": \"Calling about the fee.\"}");
        HttpResponse<String> retried = post(c.reference, "calls", key, "{\"note\": \"Calling about the fee.\"}");
        c.runAsyncSteps();

        assertThat(json.readTree(first.body()).path("callbackWaitEnded").asBoolean()).isFalse();
        assertThat(inbound(c)).containsExactly("phone: Calling about the fee.");
        assertThat(c.messagesSent()).filteredOn(kind -> kind == MessageKind.MESSAGE_RECEIVED).hasSize(1);
        assertThat(tasks(c, "Task_AnswerCustomerMessage")).isOne();
        assertSameAnswer(first, retried);
    }

    @Test
    void aRetriedCallThatEndedTheCallbackWaitAnswersThatAgainAndIsNotedOnce() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"note\": \"Only reachable after 18:00.\"}";

        HttpResponse<String> first = post(c.reference, "calls", key, body);
        HttpResponse<String> retried = post(c.reference, "calls", key, body);
        c.runAsyncSteps();

        assertThat(json.readTree(retried.body()).path("callbackWaitEnded").asBoolean())
                .as("the retry tells what the call did: anna calls again now").isTrue();
        assertThat(inbound(c)).containsExactly("phone: Only reachable after 18:00.");
        assertThat(tasks(c, "Task_CallCustomerAgain")).isOne();
        assertThat(tasks(c, "Task_AnswerCustomerMessage")).as("the call is the answer, not a message to answer")
                .isZero();
        assertSameAnswer(first, retried);
    }

    @Test
    void aRetriedReopeningAnswersReopenedAndIsOnRecordOnce() throws Exception {
        CaseDriver c = resolved();
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"reason\": \"Still charged twice.\"}";

        HttpResponse<String> first = post(c.reference, "reopening", key, body);
        HttpResponse<String> retried = post(c.reference, "reopening", key, body);
        c.runAsyncSteps();

        assertThat(json.readTree(retried.body()).path("outcome").asText()).isEqualTo("reopened");
        assertThat(inbound(c)).containsExactly("web: The customer asks to reopen the case: Still charged twice.");
        assertThat(tasks(c, "Task_AnswerCustomerMessage")).as("the reopening is the answer").isZero();
        assertSameAnswer(first, retried);
    }

    @Test
    void aRetriedConfirmationNoteReachesTheOwnerOnce() throws Exception {
        CaseDriver c = resolved();
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"note\": \"Fine, but please also refund the fee.\"}";

        HttpResponse<String> first = post(c.reference, "confirmation", key, body);
        HttpResponse<String> retried = post(c.reference, "confirmation", key, body);
        c.runAsyncSteps();

        assertThat(json.readTree(retried.body()).path("outcome").asText()).isEqualTo("attached");
        assertThat(inbound(c)).containsExactly("web: Fine, but please also refund the fee.");
        assertThat(c.messagesSent()).filteredOn(kind -> kind == MessageKind.MESSAGE_RECEIVED).hasSize(1);
        assertThat(tasks(c, "Task_DecideOnCustomerReply")).isOne();
        assertSameAnswer(first, retried);
    }

    @Test
    void theSameKeyWithAnotherTextIsRefusedNamingTheKeyAndChangesNothing() throws Exception {
        CaseDriver c = inWork();
        String key = "retry-" + UUID.randomUUID();
        HttpResponse<String> first = post(c.reference, "messages", key,
                "{\"text\": \"Any news? The bank charges me fees.\", \"channel\": \"web\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        c.runAsyncSteps();
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> other = post(c.reference, "messages", key,
                "{\"text\": \"And the invoice is wrong.\", \"channel\": \"web\"}");
        HttpResponse<String> otherEndpoint = post(c.reference, "calls", key, "{}");

        for (HttpResponse<String> refused : List.of(other, otherEndpoint)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("Idempotency-Key").contains(c.reference);
            JsonNode errors = new ObjectMapper().readTree(refused.body()).path("errors");
            assertThat(errors.findValuesAsText("field")).as(refused.body()).containsExactly("Idempotency-Key");
            assertThat(errors.path(0).path("message").asText())
                    .isEqualTo("was already used for a different request, which reached case " + c.reference);
        }
        c.runAsyncSteps();
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
        assertThat(inbound(c)).containsExactly("web: Any news? The bank charges me fees.");
    }

    @Test
    void aRetryAfterTheCaseClosedAnswersWhereTheFirstWentAndOpensNoFollowUp() throws Exception {
        CaseDriver c = resolved();
        String key = "retry-" + UUID.randomUUID();
        String body = "{\"text\": \"Thanks, that did it.\", \"channel\": \"email\"}";
        HttpResponse<String> first = post(c.reference, "messages", key, body);
        c.runAsyncSteps();
        c.complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(c.instance.getId())
                .count()).as("the case closed before the retry").isZero();

        HttpResponse<String> retried = post(c.reference, "messages", key, body);

        assertThat(followUpsOf(c.reference)).as("the words are not carried to a new case a second time").isZero();
        assertThat(inbound(c)).containsExactly("email: Thanks, that did it.");
        assertSameAnswer(first, retried);
        assertThat(json.readTree(retried.body()).path("reference").asText()).isEqualTo(c.reference);
        assertThat(json.readTree(retried.body()).has("followUpOf")).isFalse();
    }

    /** Both {@code 202}, the same body; the first is new and the retry a replay. */
    private void assertSameAnswer(HttpResponse<String> first, HttpResponse<String> retried) throws Exception {
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json.readTree(retried.body())).isEqualTo(json.readTree(first.body()));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    private HttpResponse<String> post(String reference, String endpoint, String key, String body) throws Exception {
        return http.send(http.request("/api/cases/" + reference + "/" + endpoint, PORTAL)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** As the integrator reads them: what the customer sent, on the case file. */
    private List<String> inbound(CaseDriver c) throws Exception {
        JsonNode file = json.readTree(http.get("/api/cases/" + c.reference, PORTAL).body());
        return CasesApiTest.inbound(file);
    }

    private long tasks(CaseDriver c, String taskDefinitionKey) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey(taskDefinitionKey).count();
    }

    private long followUpsOf(String reference) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).variableValueEquals("followUpOf", reference).count();
    }
}
