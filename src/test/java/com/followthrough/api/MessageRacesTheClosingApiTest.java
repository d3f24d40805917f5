package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

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
import com.followthrough.casefile.CaseLookup;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * What the customer sends while their resolved case is closing: the endpoint finds the case open, and the quiet period
 * closes it before the message reaches it. The customer's words must not be lost and the integrator must get the
 * answer a message sent just after the close gets (a follow-up), once, also when the client retries.
 */
@FollowThroughSpringTest
class MessageRacesTheClosingApiTest {

    static final String PORTAL = "portal:portal";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseLookup lookup;
    @Autowired JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    MessageRacesTheClosingApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void clockBack() {
        ClockUtil.reset();
    }

    @Test
    void aMessageThatRacesTheClosingOpensOneFollowUpAsJustAfterTheClose() throws Exception {
        CaseDriver c = resolvedAndAboutToClose();
        String key = "race-" + UUID.randomUUID();
        String body = "{\"text\": \"Thanks, but the 15 EUR fee is still not back.\", \"channel\": \"email\"}";

        HttpResponse<String> raced = post(c.reference, "messages", key, body);

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(c.instance.getId())
                .count())
                .as("the quiet period closed the case in between").isZero();
        assertThat(timesOnRecord("Thanks, but the 15 EUR fee is still not back."))
                .as("the customer's words are on record exactly once (answer: %s)", raced.body()).isEqualTo(1);
        assertThat(raced.statusCode()).as(raced.body()).isEqualTo(202);
        JsonNode answer = json.readTree(raced.body());
        String followUp = answer.path("reference").asText();
        assertThat(followUp).isNotEqualTo(c.reference).matches("SC-\\d{4}-\\d{6}");
        assertThat(answer.path("followUpOf").asText()).isEqualTo(c.reference);
        assertThat(answer.path("attached").asBoolean()).isTrue();
        assertThat(description(followUp)).as("the customer's words are on record, on the case that carries them")
                .isEqualTo("Thanks, but the 15 EUR fee is still not back.");
        assertThat(listenTaskAssignee(followUp)).as("the original owner answers them").isEqualTo("anna");

        HttpResponse<String> retried = post(c.reference, "messages", key, body);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json.readTree(retried.body()).path("reference").asText()).isEqualTo(followUp);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(followUpsOf(c.reference)).as("the retry opens nothing more").isEqualTo(1);
        assertThat(timesOnRecord("Thanks, but the 15 EUR fee is still not back.")).isEqualTo(1);
    }

    /**
     * The quiet period is over, and the closing summary waits for the job executor: the endpoint finds the case open,
     * but it is closing as the customer was told it would. The message is carried by a follow-up the original owner
     * answers, and the closing case neither acknowledges nor answers it before telling the customer it is closed.
     */
    @Test
    void aMessageAfterTheQuietPeriodBeforeTheClosingSummaryOpensAFollowUpForTheOwner() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0);
        c.timeIs(c.timerDueDate("Event_QuietPeriodOver")).timerFiresBeforeTheStepsAfterIt("Event_QuietPeriodOver");

        HttpResponse<String> sent = post(c.reference, "messages", "closing-" + UUID.randomUUID(),
                "{\"text\": \"One more thing: the 15 EUR fee.\", \"channel\": \"email\"}");
        c.runAsyncSteps();

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        JsonNode answer = json.readTree(sent.body());
        String followUp = answer.path("reference").asText();
        assertThat(followUp).isNotEqualTo(c.reference).matches("SC-\\d{4}-\\d{6}");
        assertThat(answer.path("followUpOf").asText()).isEqualTo(c.reference);
        assertThat(description(followUp)).isEqualTo("One more thing: the 15 EUR fee.");
        assertThat(listenTaskAssignee(followUp)).as("the original owner answers it").isEqualTo("anna");
        assertThat(timesOnRecord("One more thing: the 15 EUR fee.")).isEqualTo(1);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(c.instance.getId())
                .count()).as("the case closed as announced").isZero();
        assertThat(c.messagesSent()).as("the closing case said nothing about the message")
                .contains(MessageKind.CLOSING_SUMMARY)
                .doesNotContain(MessageKind.MESSAGE_RECEIVED, MessageKind.MESSAGE_REPLY);
    }

    @Test
    void aCallThatRacesTheClosingOpensAFollowUp() throws Exception {
        CaseDriver c = resolvedAndAboutToClose();

        HttpResponse<String> raced = post(c.reference, "calls", "race-" + UUID.randomUUID(),
                "{\"note\": \"Calling about the fee.\"}");

        assertThat(raced.statusCode()).as(raced.body()).isEqualTo(202);
        JsonNode answer = json.readTree(raced.body());
        String followUp = answer.path("reference").asText();
        assertThat(answer.path("followUpOf").asText()).isEqualTo(c.reference);
        assertThat(answer.path("callbackWaitEnded").asBoolean()).isFalse();
        assertThat(description(followUp)).isEqualTo("Calling about the fee.");
        assertThat(followUpsOf(c.reference)).isEqualTo(1);
    }

    @Test
    void aReopeningThatRacesTheClosingOpensAFollowUp() throws Exception {
        CaseDriver c = resolvedAndAboutToClose();

        HttpResponse<String> raced = post(c.reference, "reopening", "race-" + UUID.randomUUID(),
                "{\"reason\": \"Still charged twice.\"}");

        assertThat(raced.statusCode()).as(raced.body()).isEqualTo(202);
        JsonNode answer = json.readTree(raced.body());
        assertThat(answer.path("outcome").asText()).isEqualTo("followUp");
        assertThat(description(answer.path("reference").asText())).isEqualTo("Still charged twice.");
        assertThat(followUpsOf(c.reference)).isEqualTo(1);
    }

    @Test
    void aConfirmationWithoutANoteThatRacesTheClosingAnswersClosedAndOpensNothing() throws Exception {
        CaseDriver c = resolvedAndAboutToClose();

        HttpResponse<String> raced = http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL, "{}");

        assertThat(raced.statusCode()).as(raced.body()).isEqualTo(202);
        JsonNode answer = json.readTree(raced.body());
        assertThat(answer.path("reference").asText()).isEqualTo(c.reference);
        assertThat(answer.path("outcome").asText()).isEqualTo("closed");
        assertThat(followUpsOf(c.reference)).isZero();
    }

    /**
     * Anna resolved Jane's case, and it waits out the quiet period. The endpoint's look-up finds it open; right after,
     * before the request goes on, the quiet period is over and the case closes, as the job executor would do it.
     */
    private CaseDriver resolvedAndAboutToClose() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0);
        AtomicBoolean closed = new AtomicBoolean();
        doAnswer(lookUp -> {
            Object found = lookUp.callRealMethod();
            if (closed.compareAndSet(false, true)) {
                c.timeIs(c.timerDueDate("Event_QuietPeriodOver")).timerFires("Event_QuietPeriodOver");
            }
            return found;
        }).when(lookup).find(eq(c.reference));
        return c;
    }

    private HttpResponse<String> post(String reference, String endpoint, String key, String body) throws Exception {
        return http.send(http.request("/api/cases/" + reference + "/" + endpoint, PORTAL)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String description(String reference) throws Exception {
        return json.readTree(http.get("/api/cases/" + reference, PORTAL).body()).path("description").asText();
    }

    /** On a case as an inbound message, or as the description of the case that carries it. */
    private long timesOnRecord(String words) {
        long messages = jdbc.sql(
                        "SELECT COUNT(*) FROM ft_customer_message WHERE direction = 'INBOUND' AND body = :words")
                .param("words", words).query(Long.class).single();
        long descriptions = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .variableValueEquals("description", words).count();
        return messages + descriptions;
    }

    private String listenTaskAssignee(String reference) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult().getAssignee();
    }

    private long followUpsOf(String reference) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).variableValueEquals("followUpOf", reference).count();
    }
}
