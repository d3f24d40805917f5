package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The customer's answer to a solution over /api, in production and not only in the demo: a confirmation closes the
 * resolved case, a reopening sends it back to work, and at any other stage either one reaches the owner as a message.
 */
@FollowThroughSpringTest
class CustomerRepliesApiTest {

    static final String PORTAL = "portal:portal";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    CustomerRepliesApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    void assertionsOnTheSpringEngine() {
        BpmnAwareTests.init(engine);
    }

    private CaseDriver resolved() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0);
    }

    @Test
    void theCustomerConfirmsAResolvedCaseAndItCloses() throws Exception {
        CaseDriver c = resolved();

        HttpResponse<String> confirmed = http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL, "{}");

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        JsonNode body = json.readTree(confirmed.body());
        assertThat(body.path("reference").asText()).isEqualTo(c.reference);
        assertThat(body.path("outcome").asText()).isEqualTo("confirmed");
        c.runAsyncSteps();
        assertThat(c.instance).isEnded().hasPassed("Event_ResolutionConfirmed");
        assertThat(inboundMessages(c)).as("a confirmation without a note adds no message").isEmpty();
    }

    /** As docs/api.md's example sends it: {@code curl -u portal:portal -X POST …/confirmation}, no body, no type. */
    @Test
    void aConfirmationWithoutABodyClosesAResolvedCase() throws Exception {
        CaseDriver c = resolved();

        HttpResponse<String> confirmed = http.send(http.request("/api/cases/" + c.reference + "/confirmation", PORTAL)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        assertThat(json.readTree(confirmed.body()).path("outcome").asText()).isEqualTo("confirmed");
        c.runAsyncSteps();
        assertThat(c.instance).isEnded().hasPassed("Event_ResolutionConfirmed");
    }

    @Test
    void aNoteWithTheConfirmationReachesTheOwnerAsAReplyAndTheCaseClosesWhenTheyDecide() throws Exception {
        CaseDriver c = resolved();

        HttpResponse<String> confirmed = http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL,
                "{\"note\": \"Fine, but please also refund the 15 EUR fee.\"}");

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        assertThat(json.readTree(confirmed.body()).path("outcome").asText()).isEqualTo("attached");
        c.runAsyncSteps();
        assertThat(c.instance).as("anna reads the note before the case closes").hasPassed("Event_CustomerReplied")
                .isWaitingAt("Task_DecideOnCustomerReply");
        assertThat(c.task("Task_DecideOnCustomerReply")).isAssignedTo("anna")
                .hasDueDate((Date) c.variable("answerDueAt"));
        assertThat(c.hasTimer("Event_QuietPeriodOver")).as("the case does not close past her").isFalse();
        assertThat(inboundMessages(c)).containsExactly("web: Fine, but please also refund the 15 EUR fee.");
        assertThat(c.messagesSent()).as("the customer hears who answers by when")
                .endsWith(MessageKind.MESSAGE_RECEIVED);

        c.complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));

        assertThat(c.instance).isEnded().hasPassed("EndEvent_CaseClosed");
    }

    @Test
    void theCustomerReopensAResolvedCaseAndItGoesBackToTheOwner() throws Exception {
        CaseDriver c = resolved();

        HttpResponse<String> reopened = http.postJson("/api/cases/" + c.reference + "/reopening", PORTAL,
                "{\"reason\": \"It is still charged twice.\"}");

        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(202);
        assertThat(json.readTree(reopened.body()).path("outcome").asText()).isEqualTo("reopened");
        c.runAsyncSteps();
        assertThat(c.instance).hasPassed("Event_CaseReopened").isWaitingAt("Task_DiagnoseProblem");
        assertThat(c.task("Task_DiagnoseProblem").getAssignee()).isEqualTo("anna");
        assertThat(inboundMessages(c)).as("anna reads why on the case, and on the form of her next task")
                .containsExactly("web: The customer asks to reopen the case: It is still charged twice.");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference).list())
                .as("the reopening is the reaction: no message to answer beside it")
                .extracting(task -> task.getTaskDefinitionKey()).containsExactly("Task_DiagnoseProblem");
    }

    @Test
    void aConfirmationBeforeTheCaseIsResolvedReachesTheOwnerAsAMessage() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());

        HttpResponse<String> early = http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL,
                "{\"note\": \"Looks fine now, thanks.\"}");

        assertThat(early.statusCode()).as(early.body()).isEqualTo(202);
        assertThat(json.readTree(early.body()).path("outcome").asText()).isEqualTo("attached");
        c.runAsyncSteps();
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_AnswerCustomerMessage");
        assertThat(c.messages()).anyMatch(m -> m.body().equals("Looks fine now, thanks."));
    }

    @Test
    void aMessageForARecentlyClosedCaseOpensAFollowUpForTheOriginalOwner() throws Exception {
        CaseDriver c = resolved().customerConfirmsTheSolution();

        HttpResponse<String> carried = http.postJson("/api/cases/" + c.reference + "/messages", PORTAL,
                "{\"text\": \"It is charged twice again.\", \"channel\": \"email\"}");

        assertThat(carried.statusCode()).as(carried.body()).isEqualTo(202);
        JsonNode answer = json.readTree(carried.body());
        String followUp = answer.path("reference").asText();
        assertThat(followUp).isNotEqualTo(c.reference).matches("SC-\\d{4}-\\d{6}");
        assertThat(answer.path("followUpOf").asText()).isEqualTo(c.reference);
        runAsyncSteps(followUp);
        JsonNode file = json.readTree(http.get("/api/cases/" + followUp, PORTAL).body());
        assertThat(file.path("followUpOf").asText()).isEqualTo(c.reference);
        assertThat(file.path("description").asText()).isEqualTo("It is charged twice again.");
        assertThat(file.path("customer").path("email").asText()).isEqualTo("jane@example.org");
        assertThat(listenTaskOf(followUp).getAssignee()).as("the original owner, still an agent").isEqualTo("anna");
    }

    @Test
    void aCallLongAfterClosingOpensANewLinkedCaseForTheTeam() throws Exception {
        CaseDriver c = resolved().customerConfirmsTheSolution();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(31))));
        try {
            HttpResponse<String> carried = http.postJson("/api/cases/" + c.reference + "/calls", PORTAL,
                    "{\"note\": \"Same problem as last month.\"}");

            assertThat(carried.statusCode()).as(carried.body()).isEqualTo(202);
            String linked = json.readTree(carried.body()).path("reference").asText();
            assertThat(linked).isNotEqualTo(c.reference);
            runAsyncSteps(linked);
            assertThat(json.readTree(http.get("/api/cases/" + linked, PORTAL).body()).path("followUpOf").asText())
                    .isEqualTo(c.reference);
            var listen = listenTaskOf(linked);
            assertThat(listen.getAssignee()).as("after the follow-up period the team picks it up").isNull();
            assertThat(engine.getTaskService().getIdentityLinksForTask(listen.getId()))
                    .anyMatch(link -> "agents-en".equals(link.getGroupId()));
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aMessageAboutAClosedCaseWhoseSubjectFillsTheFollowUpsOpensItWithoutCuttingACharacterInTwo() throws Exception {
        Map<String, Object> start = CaseDriver.caseFromJane();
        start.put("subject", "a".repeat(170) + "\uD83D\uDE00" + "b");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, start)
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerConfirmsTheSolution();

        HttpResponse<String> carried = http.postJson("/api/cases/" + c.reference + "/messages", PORTAL,
                "{\"text\": \"It is charged twice again.\", \"channel\": \"email\"}");

        assertThat(carried.statusCode()).as(carried.body()).isEqualTo(202);
        String followUp = json.readTree(carried.body()).path("reference").asText();
        runAsyncSteps(followUp);
        assertThat(json.readTree(http.get("/api/cases/" + followUp, PORTAL).body()).path("subject").asText())
                .as("the emoji at characters 200 and 201 does not fit, and is left out whole")
                .isEqualTo("Follow-up to " + c.reference + ": " + "a".repeat(170));
    }

    @Test
    void aConfirmationForAClosedCaseIsAcceptedAndOpensNothing() throws Exception {
        CaseDriver c = resolved().customerConfirmsTheSolution();
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> confirmed = http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL, "{}");

        assertThat(confirmed.statusCode()).isEqualTo(202);
        assertThat(json.readTree(confirmed.body()).path("outcome").asText()).isEqualTo("closed");
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
    }

    @Test
    void aNoteWithAConfirmationForAClosedCaseOpensAFollowUpSoThatSomeoneReadsIt() throws Exception {
        CaseDriver c = resolved().customerConfirmsTheSolution();

        HttpResponse<String> confirmed = http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL,
                "{\"note\": \"Fine, thanks. But the 15 EUR fee is not back yet.\"}");

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        JsonNode answer = json.readTree(confirmed.body());
        assertThat(answer.path("outcome").asText()).isEqualTo("followUp");
        String followUp = answer.path("reference").asText();
        assertThat(followUp).isNotEqualTo(c.reference).matches("SC-\\d{4}-\\d{6}");
        runAsyncSteps(followUp);
        JsonNode file = json.readTree(http.get("/api/cases/" + followUp, PORTAL).body());
        assertThat(file.path("followUpOf").asText()).isEqualTo(c.reference);
        assertThat(file.path("description").asText()).isEqualTo("Fine, thanks. But the 15 EUR fee is not back yet.");
        var listen = listenTaskOf(followUp);
        assertThat(listen.getAssignee()).as("the original owner is prompted to act on it").isEqualTo("anna");
        assertThat(listen.getDueDate()).as("by the time the acknowledgment tells the customer").isNotNull();
        assertThat(file.path("messages").findValuesAsText("kind")).as("the customer is told who contacts them by when")
                .contains("acknowledgment");
    }

    /**
     * The Listen form of a follow-up names the closed case it follows up; the agent who may see that task reads the
     * closed case's file too (what was promised and said before), and an agent of another team reads neither.
     */
    @Test
    void theAgentOfAFollowUpReadsTheClosedCaseItFollowsUp() throws Exception {
        CaseDriver c = resolved().customerConfirmsTheSolution();
        String followUp = json.readTree(http.postJson("/api/cases/" + c.reference + "/confirmation", PORTAL,
                "{\"note\": \"The fee is still not back.\"}").body()).path("reference").asText();
        runAsyncSteps(followUp);

        HttpResponse<String> anna = http.get("/api/cases/" + c.reference, "anna:anna");
        HttpResponse<String> jonas = http.get("/api/cases/" + c.reference, "jonas:jonas");

        assertThat(anna.statusCode()).as(anna.body()).isEqualTo(200);
        JsonNode closed = json.readTree(anna.body());
        assertThat(closed.path("reference").asText()).isEqualTo(c.reference);
        assertThat(closed.path("messages").findValuesAsText("kind")).contains("resolution", "closingSummary");
        assertThat(jonas.statusCode()).as("the German team's agent: " + jonas.body()).isEqualTo(404);
    }

    /** The customer's messages in the case file, as an integrator or agent reads it: "channel: text". */
    private List<String> inboundMessages(CaseDriver c) throws Exception {
        return CasesApiTest.inbound(json.readTree(http.get("/api/cases/" + c.reference, PORTAL).body()));
    }

    private org.camunda.bpm.engine.task.Task listenTaskOf(String reference) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult();
    }

    private void runAsyncSteps(String reference) {
        var management = engine.getManagementService();
        String instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult().getId();
        management.createJobQuery().processInstanceId(instance).messages().list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    @Test
    void aReopeningWithoutAReasonIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        CaseDriver c = resolved();
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> refused = http.postJson("/api/cases/" + c.reference + "/reopening", PORTAL, "{\"reason\": \"  \"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("reason");
        assertThat(CaseApiState.of(engine, jdbc)).isEqualTo(before);
        assertThat(c.instance).isWaitingAt("Gateway_AwaitCustomer");
    }
}
