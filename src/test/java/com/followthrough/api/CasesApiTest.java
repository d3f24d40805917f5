package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import com.followthrough.tasklist.CaseContext;
import com.followthrough.vocabulary.Processes;

/** An integrator (the customer portal) opens and feeds cases over /api and reads them back. */
@FollowThroughSpringTest
class CasesApiTest {

    static final String PORTAL = "portal:portal";
    static final String JANE = """
            {"customer": {"name": "Jane Doe", "email": "jane@example.org", "phone": "+1 555 0100", "plan": "premium"},
             "language": "en", "channel": "email", "priority": "high",
             "subject": "Invoice shows the wrong amount",
             "description": "I was charged twice for November and my bank account is overdrawn."}""";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    CasesApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void anIntegratorOpensACaseThroughTheMessageStartAndReadsWhereItStands() throws Exception {
        HttpResponse<String> created = http.postJson("/api/cases", PORTAL, JANE);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode opened = json.readTree(created.body());
        String reference = opened.path("reference").asText();
        assertThat(reference).matches("SC-\\d{4}-\\d{6}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/cases/" + reference);
        assertThat(opened.path("status").asText()).isEqualTo("open");
        assertThat(opened.path("links").path("self").asText()).isEqualTo("/api/cases/" + reference);
        assertThat(opened.path("links").path("messages").asText()).isEqualTo("/api/cases/" + reference + "/messages");
        assertThat(opened.path("deadlines").path("firstResponseDueAt").asText()).isNotEmpty();
        assertThat(opened.path("deadlines").path("resolutionDueAt").asText()).isNotEmpty();
        assertThat(opened.has("messages") || opened.has("openTasks") || opened.has("customer"))
                .as("the 201 is lean: the case file is one GET away").isFalse();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceOf(reference)).activityId("StartEvent_CaseReceived").count())
                .as("opened through the message start event").isOne();

        runAsyncSteps(reference);
        JsonNode file = json.readTree(http.get("/api/cases/" + reference, PORTAL).body());

        assertThat(file.path("currentSteps").toString()).contains("Listen to the customer");
        assertThat(file.path("stage").asText()).isEqualTo("Listen to the customer");
        assertThat(file.path("openTasks").get(0).path("name").asText()).isEqualTo("Listen to Jane Doe — " + reference);
        assertThat(file.path("openTasks").get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_ListenToCustomer");
        assertThat(file.path("openTasks").get(0).path("due").asText())
                .isEqualTo(file.path("deadlines").path("firstResponseDueAt").asText()).isNotEmpty();
        assertThat(file.path("deadlines").path("firstResponseDueAt").asText())
                .as("the 201 told the same first-response time").isEqualTo(opened.path("deadlines").path("firstResponseDueAt").asText());
        assertThat(file.path("customer").path("email").asText()).isEqualTo("jane@example.org");
        JsonNode acknowledgment = file.path("messages").get(0);
        assertThat(acknowledgment.path("direction").asText()).isEqualTo("outbound");
        assertThat(acknowledgment.path("kind").asText()).isEqualTo("acknowledgment");
        assertThat(acknowledgment.path("body").asText()).contains(reference, "Jane Doe");
    }

    /** Agents open cases too, e.g. from a phone call, though they may not read every case the moment it starts. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"anna", "jonas", "sam"})
    void anAgentOpensACaseAndGetsItsReference(String agent) throws Exception {
        long before = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

        HttpResponse<String> created = http.postJson("/api/cases", agent + ":" + agent, JANE);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String reference = json.readTree(created.body()).path("reference").asText();
        assertThat(reference).matches("SC-\\d{4}-\\d{6}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/cases/" + reference);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(before + 1);
        assertThat(processInstanceOf(reference)).isNotNull();
    }

    /**
     * The form's header clips a long case; the case file has it whole. An agent reads the file of a case whose task she
     * may see (her team's or her own), and not the file of another team's case.
     */
    @Test
    void anAgentReadsTheFileOfACaseWhoseTaskSheMaySeeAndNotAnotherTeams() throws Exception {
        String reference = json.readTree(http.postJson("/api/cases", PORTAL, JANE).body()).path("reference").asText();
        runAsyncSteps(reference);

        HttpResponse<String> anna = http.get("/api/cases/" + reference, "anna:anna");
        HttpResponse<String> jonas = http.get("/api/cases/" + reference, "jonas:jonas");

        assertThat(anna.statusCode()).as(anna.body()).isEqualTo(200);
        assertThat(json.readTree(anna.body()).path("messages").get(0).path("kind").asText())
                .isEqualTo("acknowledgment");
        assertThat(jonas.statusCode()).as("the German team's agent: " + jonas.body()).isEqualTo(404);
    }

    /**
     * The owner stays the customer's contact while no task of the case is hers: a specialist advises, or the case waits
     * on the customer's answer. When the customer calls, she reads the case's file; an agent who neither owns the case
     * nor may see one of its tasks (the German team's) still does not.
     */
    @Test
    void theOwnerReadsHerCaseFileWhileASpecialistAdvisesOrTheCaseWaitsOnTheCustomer() throws Exception {
        CaseDriver advised = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("specialistNeeded", "unknown");
        CaseDriver waiting = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).complete("Task_DiagnoseProblem", "anna", Map.of("diagnosis", "Which card?",
                        "faultParty", "unknown", "diagnosisOutcome", "waitForCustomer",
                        "customerQuestion", "Which card was charged twice?"));

        for (CaseDriver c : List.of(advised, waiting)) {
            HttpResponse<String> owner = http.get("/api/cases/" + c.reference, "anna:anna");
            HttpResponse<String> colleague = http.get("/api/cases/" + c.reference, "jonas:jonas");

            assertThat(owner.statusCode()).as("anna, the owner: " + owner.body()).isEqualTo(200);
            assertThat(json.readTree(owner.body()).path("reference").asText()).isEqualTo(c.reference);
            assertThat(colleague.statusCode()).as("jonas, neither owner nor on a task: " + colleague.body())
                    .isEqualTo(404);
        }
    }

    @Test
    void theSameRequestRetriedWithOneIdempotencyKeyOpensOneCase() throws Exception {
        String key = "portal-request-" + System.nanoTime();
        long before = supportCases();

        HttpResponse<String> first = postWithKey(JANE, key);
        HttpResponse<String> retried = postWithKey(JANE.replace("\n", " "), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(reference(retried)).isEqualTo(reference(first));
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(supportCases()).isEqualTo(before + 1);
    }

    @Test
    void retriesRacingEachOtherWithOneIdempotencyKeyStillOpenOneCase() throws Exception {
        String key = "portal-race-" + System.nanoTime();
        long before = supportCases();
        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        for (int i = 0; i < 5; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> postWithKeyUnchecked(JANE, key), pool));
        }
        CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        List<String> references = new ArrayList<>();
        for (var response : racing) {
            assertThat(response.join().statusCode()).as(response.join().body()).isEqualTo(201);
            references.add(reference(response.join()));
        }
        assertThat(references).containsOnly(references.get(0));
        assertThat(supportCases()).isEqualTo(before + 1);
    }

    @Test
    void twoDifferentCasesRacingWithOneIdempotencyKeyOpenOneAndTheOtherIsRefused() throws Exception {
        String key = "portal-race-other-" + System.nanoTime();
        long before = supportCases();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CompletableFuture<HttpResponse<String>> jane = CompletableFuture.supplyAsync(
                () -> postWithKeyUnchecked(JANE, key), pool);
        CompletableFuture<HttpResponse<String>> john = CompletableFuture.supplyAsync(
                () -> postWithKeyUnchecked(JANE.replace("Jane Doe", "John Roe"), key), pool);
        CompletableFuture.allOf(jane, john).join();
        pool.shutdown();

        assertThat(List.of(jane.join().statusCode(), john.join().statusCode()))
                .as("%s / %s", jane.join().body(), john.join().body()).containsExactlyInAnyOrder(201, 409);
        HttpResponse<String> opened = jane.join().statusCode() == 201 ? jane.join() : john.join();
        HttpResponse<String> refused = opened == jane.join() ? john.join() : jane.join();
        assertThat(json.readTree(refused.body()).path("detail").asText()).contains(key, reference(opened));
        assertThat(supportCases()).isEqualTo(before + 1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherCaseIsRefusedAndOpensNothing() throws Exception {
        String key = "portal-reused-" + System.nanoTime();
        String firstReference = reference(postWithKey(JANE, key));
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> reused = postWithKey(JANE.replace("Jane Doe", "John Roe"), key);

        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(reused.body()).path("detail").asText()).contains(key, firstReference);
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
    }

    @Test
    void aMessageFromTheCustomerBeforeListeningReachesTheCaseAndTheListenTask() throws Exception {
        String reference = reference(http.postJson("/api/cases", PORTAL, JANE));
        runAsyncSteps(reference);
        String listen = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult().getId();
        engine.getTaskService().claim(listen, "anna");

        HttpResponse<String> accepted = http.postJson("/api/cases/" + reference + "/messages", PORTAL,
                "{\"text\": \"Any news? The bank charges me fees.\", \"channel\": \"web\"}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        runAsyncSteps(reference);
        JsonNode file = json.readTree(http.get("/api/cases/" + reference, PORTAL).body());
        assertThat(file.path("messages").findValuesAsText("direction")).contains("inbound");
        assertThat(file.path("messages").toString()).contains("Any news? The bank charges me fees.");
        assertThat(file.path("openTasks").findValuesAsText("name")).as("nobody has listened yet: one task, which shows the message")
                .containsExactly("Listen to Jane Doe — " + reference);
        assertThat(file.path("stage").asText()).as("answering a message on the side is not a stage").isEqualTo("Listen to the customer");
        assertThat(file.path("messages").findValuesAsText("kind")).as("the customer hears at once that the message is on the case")
                .contains("messageReceived");
        HttpResponse<String> form = http.get("/engine-rest/task/" + listen + "/form-variables?deserializeValues=false",
                "anna:anna");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(json.readTree(form.body()).path(CaseContext.HEADER).path("value").asText())
                .as("the form of anna's open task, as Tasklist reads it, shows the message the portal passed on, as"
                        + " text (markup escaped)")
                .contains("Any news? The bank charges me fees\\.");
    }

    @Test
    void whileTheCaseWaitsOnTheCustomerItsFileShowsTheClockPausedAndTheirMessageStartsItAgain() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).complete("Task_DiagnoseProblem", "anna", Map.of("diagnosis", "Which card?",
                        "faultParty", "unknown", "diagnosisOutcome", "waitForCustomer",
                        "customerQuestion", "Which card was charged twice?"));

        JsonNode waiting = json.readTree(http.get("/api/cases/" + c.reference, PORTAL).body());
        assertThat(waiting.path("slaPaused").asBoolean()).isTrue();
        assertThat(waiting.path("pausedMinutes").isIntegralNumber()).as(waiting.toString()).isTrue();
        Instant targetWhileWaiting = Instant.parse(waiting.path("deadlines").path("resolutionDueAt").asText());

        HttpResponse<String> answered = http.postJson("/api/cases/" + c.reference + "/messages", PORTAL,
                "{\"text\": \"The Visa ending 4242.\", \"channel\": \"email\"}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(202);

        JsonNode working = json.readTree(http.get("/api/cases/" + c.reference, PORTAL).body());
        assertThat(working.path("slaPaused").asBoolean()).isFalse();
        assertThat(Instant.parse(working.path("deadlines").path("resolutionDueAt").asText()))
                .as("moved later by the paused business time, never earlier").isAfterOrEqualTo(targetWhileWaiting);
    }

    @Test
    void aCallFromTheCustomerEndsTheWaitForTheNextCallbackAttempt() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");

        HttpResponse<String> called = http.postJson("/api/cases/" + c.reference + "/calls", PORTAL,
                "{\"note\": \"Only reachable after 18:00 on +49 30 1234567.\"}");

        assertThat(called.statusCode()).as(called.body()).isEqualTo(202);
        assertThat(json.readTree(called.body()).path("callbackWaitEnded").asBoolean()).isTrue();
        c.runAsyncSteps();
        var callAgain = c.task("Task_CallCustomerAgain");
        assertThat(callAgain.getAssignee()).isEqualTo("anna");
        JsonNode file = json.readTree(http.get("/api/cases/" + c.reference, PORTAL).body());
        assertThat(inbound(file)).as("the customer's words are on the case file")
                .contains("phone: Only reachable after 18:00 on +49 30 1234567.");
        assertThat(file.path("openTasks").findValuesAsText("name")).as("the call is the reaction: no message to answer")
                .containsExactly("Call Jane Doe again — " + c.reference);
        HttpResponse<String> form = http.get("/engine-rest/task/" + callAgain.getId()
                + "/form-variables?deserializeValues=false", "anna:anna");
        assertThat(json.readTree(form.body()).path(CaseContext.HEADER).path("value").asText())
                .as("anna reads them on the call she makes next").contains("Only reachable after 18");

        HttpResponse<String> again = http.postJson("/api/cases/" + c.reference + "/calls", PORTAL, "{}");
        assertThat(json.readTree(again.body()).path("callbackWaitEnded").asBoolean())
                .as("no wait open now: the call is noted on the case like a message").isFalse();
        assertThat(c.messages().stream().filter(m -> m.body().equals("The customer called.")).count()).isOne();
    }

    @Test
    void twoHundredMessagesPostedAtOnceToOneCaseAreAllAttached() throws Exception {
        String reference = reference(http.postJson("/api/cases", PORTAL, JANE));
        runAsyncSteps(reference);
        List<CompletableFuture<HttpResponse<String>>> posted = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        for (int i = 0; i < 200; i++) {
            String body = "{\"text\": \"Message number " + i + "\", \"channel\": \"chat\"}";
            posted.add(CompletableFuture.supplyAsync(() -> postUnchecked("/api/cases/" + reference + "/messages", body), pool));
        }
        CompletableFuture.allOf(posted.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        Map<Integer, Integer> statuses = new HashMap<>();
        posted.forEach(response -> statuses.merge(response.join().statusCode(), 1, Integer::sum));
        assertThat(statuses).containsExactly(Map.entry(202, 200));
        long inbound = messages.ofCase(reference).stream()
                .filter(m -> m.direction().name().equals("INBOUND")).map(m -> m.body()).distinct().count();
        assertThat(inbound).isEqualTo(200);
        runAsyncSteps(reference);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).list())
                .as("nobody has listened yet: every message is on the one Listen task")
                .extracting(task -> task.getTaskDefinitionKey()).containsExactly("Task_ListenToCustomer");
    }

    @Test
    void aSupervisorSendsAgainAMessageWhoseDeliveryIsUncertain() throws Exception {
        UncertainMessage uncertain = anAcknowledgmentWhoseDeliveryIsUncertain();
        String reference = uncertain.reference();
        long acknowledgment = uncertain.id();
        String resend = uncertain.resend();

        assertThat(http.postJson(resend, "anna:anna", "").statusCode()).as("an agent may not").isEqualTo(403);
        HttpResponse<String> queued = http.postJson(resend, "maria:maria", "");

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(json.readTree(queued.body()).path("messageIdHeader").asText())
                .isEqualTo("<ft-message-" + acknowledgment + "@follow-through>");
        assertThat(messages.find(acknowledgment).orElseThrow().deliveryStatus()).isEqualTo("PENDING");
        HttpResponse<String> again = http.postJson(resend, "maria:maria", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).path("title").asText()).isEqualTo("Not resendable");
        assertThat(json.readTree(again.body()).path("detail").asText()).contains("PENDING", "only FAILED or DELIVERY_UNCERTAIN");
        assertThat(json.readTree(again.body()).path("errors").findValuesAsText("field"))
                .as("the 409 names the path's id").containsExactly("id");
        assertThat(http.postJson("/api/cases/" + reference + "/messages/999999999/resend", "maria:maria", "").statusCode())
                .isEqualTo(404);
    }

    /**
     * The resend takes no body: one sent with it (a "force" or a new address the client hoped for) is refused naming
     * what it holds, as an unknown field is on every endpoint that takes a body, and the message is not queued.
     */
    @Test
    void aResendRefusesABodyItDoesNotTakeAndQueuesNothing() throws Exception {
        UncertainMessage uncertain = anAcknowledgmentWhoseDeliveryIsUncertain();
        long acknowledgment = uncertain.id();
        String resend = uncertain.resend();

        HttpResponse<String> withFields = http.postJson(resend, "maria:maria",
                "{\"force\": true, \"to\": \"jane@example.com\"}");
        HttpResponse<String> notJson = http.send(http.request(resend, "maria:maria")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("send it now")));

        assertThat(withFields.statusCode()).as(withFields.body()).isEqualTo(400);
        assertThat(json.readTree(withFields.body()).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("force", "to");
        assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).path("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(messages.find(acknowledgment).orElseThrow().deliveryStatus()).as("not queued")
                .isEqualTo("DELIVERY_UNCERTAIN");
        assertThat(http.postJson(resend, "maria:maria", "{}").statusCode()).as("an empty object holds nothing")
                .isEqualTo(202);
    }

    private record UncertainMessage(String reference, long id, String resend) {
    }

    /** A new case whose acknowledgment may or may not have reached the customer: one a supervisor may send again. */
    private UncertainMessage anAcknowledgmentWhoseDeliveryIsUncertain() throws Exception {
        String reference = reference(http.postJson("/api/cases", PORTAL, JANE));
        runAsyncSteps(reference);
        long acknowledgment = messages.ofCase(reference).get(0).id();
        jdbc.sql("UPDATE ft_customer_message SET delivery_status = 'DELIVERY_UNCERTAIN' WHERE id = :id")
                .param("id", acknowledgment).update();
        return new UncertainMessage(reference, acknowledgment,
                "/api/cases/" + reference + "/messages/" + acknowledgment + "/resend");
    }

    private long supportCases() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE).count();
    }

    private String processInstanceOf(String reference) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(Processes.SUPPORT_CASE).singleResult().getId();
    }

    private void runAsyncSteps(String reference) {
        var management = engine.getManagementService();
        management.createJobQuery().processInstanceId(processInstanceOf(reference)).executable().list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    /** The case file's messages from the customer, as "channel: text". */
    static List<String> inbound(JsonNode caseFile) {
        List<String> inbound = new ArrayList<>();
        caseFile.path("messages").forEach(message -> {
            if ("inbound".equals(message.path("direction").asText())) {
                inbound.add(message.path("channel").asText() + ": " + message.path("body").asText());
            }
        });
        return inbound;
    }

    private String reference(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("reference").asText();
    }

    private HttpResponse<String> postWithKey(String body, String key) throws Exception {
        return http.send(http.request("/api/cases", PORTAL).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> postWithKeyUnchecked(String body, String key) {
        try {
            return postWithKey(body, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postUnchecked(String path, String body) {
        try {
            return http.postJson(path, PORTAL, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
