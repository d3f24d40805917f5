package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A customer's long mail, forwarded by a gateway that cannot shorten it, is taken and kept whole in the case's message
 * record ({@code GET /api/cases/{reference}}, "messages"); the process variable the forms show holds a shortened copy
 * within what the engine stores, which says that the message continues and where the whole of it is.
 */
@FollowThroughSpringTest
class LongMessagesApiTest {

    private static final String PORTAL = "portal:portal";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    LongMessagesApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /** About 6,000 characters, every sentence numbered, so a copy that loses any part of it differs. */
    private static String longMail() {
        return IntStream.rangeClosed(1, 100)
                .mapToObj(n -> "Sentence " + n + " of my complaint about the double charge.").collect(Collectors.joining("\n")) + "\nKind regards, Jane";
    }

    @Test
    void aLongMessageIsKeptWholeInTheCaseFileAndTheAnswerTaskShowsAShortenedCopyThatSaysWhereTheRestIs()
            throws Exception {
        String mail = longMail();
        assertThat(mail.length()).isGreaterThan(4000);
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of());

        HttpResponse<String> sent = post("/api/cases/" + c.reference + "/messages",
                Map.of("text", mail, "channel", "email"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        c.runAsyncSteps();
        assertThat(inboundBodies(c.reference)).containsExactly(mail);
        Task answer = c.task("Task_AnswerCustomerMessage");
        String copy = (String) engine.getTaskService().getVariable(answer.getId(), "inboundText");
        assertThat(copy.length()).isLessThanOrEqualTo(4000);
        assertThat(copy).contains("Sentence 1 of my complaint").doesNotContain("Kind regards, Jane")
                .contains("continues").contains("/api/cases/" + c.reference);
        String shown = (String) engine.getTaskService().getVariableLocal(answer.getId(), "shownInboundText");
        assertThat(shown).as("what the answer form shows").contains("continues")
                .contains("/api/cases/" + c.reference.replace("-", "\\-"));
    }

    @Test
    void aLongMessageForAClosedCaseOpensAFollowUpThatKeepsItWhole() throws Exception {
        String mail = longMail();
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .solveAtFirstContactAndClose();

        HttpResponse<String> sent = post("/api/cases/" + c.reference + "/messages",
                Map.of("text", mail, "channel", "email"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String followUp = json.readTree(sent.body()).path("reference").asText();
        assertThat(followUp).isNotEqualTo(c.reference);
        JsonNode file = json.readTree(http.get("/api/cases/" + followUp, PORTAL).body());
        assertThat(file.path("description").asText()).hasSizeLessThanOrEqualTo(4000)
                .contains("Sentence 1 of my complaint").contains("continues").doesNotContain("Kind regards, Jane")
                .as("names the follow-up's own case file").contains("/api/cases/" + followUp);
        assertThat(inboundBodies(followUp)).containsExactly(mail);
    }

    @Test
    void aLongCallNoteConfirmationNoteAndReopeningReasonAreKeptWhole() throws Exception {
        String mail = longMail();
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of());

        HttpResponse<String> call = post("/api/cases/" + c.reference + "/calls", Map.of("note", "Call. " + mail));
        HttpResponse<String> confirmation = post("/api/cases/" + c.reference + "/confirmation",
                Map.of("note", "Confirmation. " + mail));
        HttpResponse<String> reopening = post("/api/cases/" + c.reference + "/reopening",
                Map.of("reason", "Reopening. " + mail));

        assertThat(call.statusCode()).as(call.body()).isEqualTo(202);
        assertThat(confirmation.statusCode()).as(confirmation.body()).isEqualTo(202);
        assertThat(reopening.statusCode()).as(reopening.body()).isEqualTo(202);
        c.runAsyncSteps();
        assertThat(inboundBodies(c.reference)).containsExactly("Call. " + mail, "Confirmation. " + mail,
                "The customer asks to reopen the case: Reopening. " + mail);
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return http.postJson(path, PORTAL, json.writeValueAsString(body));
    }

    private List<String> inboundBodies(String reference) throws Exception {
        JsonNode file = json.readTree(http.get("/api/cases/" + reference, PORTAL).body());
        List<String> bodies = new ArrayList<>();
        file.path("messages").forEach(message -> {
            if ("inbound".equals(message.path("direction").asText())) {
                bodies.add(message.path("body").asText());
            }
        });
        return bodies;
    }
}
