package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Comments and attachments on a task are part of the case an agent works from. The engine checks adding a comment or
 * an attachment, and removing an attachment, only by whether the caller may read the task's history: an analyst
 * (read only) added a comment or a link to any case's task over {@code /engine-rest} and removed a supervisor's
 * attachment. Only those who may work any task (supervisors, administrators) add or remove them there; agents never
 * could (no history grant), and the engine refuses a changed or removed comment to all but those who work the task.
 */
@FollowThroughSpringTest
class NotesOnTasksTest {

    private static final String BOUNDARY = "followthrough-boundary";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final AppHttp http;

    NotesOnTasksTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    private String listenTask() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .task("Task_ListenToCustomer").getId();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task/%s/comment/create", "/engine-rest/engine/default/task/%s/comment/create"})
    void anAnalystCannotCommentOnACase(String operation) throws Exception {
        String task = listenTask();

        HttpResponse<String> commented = http.postJson(operation.formatted(task), "alex:alex",
                "{\"message\": \"Customer is lying, close it.\"}");

        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(403);
        assertThat(commented.body()).contains("Only supervisors and administrators");
        assertThat(engine.getTaskService().getTaskComments(task)).isEmpty();
    }

    @Test
    void anAnalystCannotAttachALinkToACase() throws Exception {
        String task = listenTask();

        HttpResponse<String> attached = http.send(attach(task, "alex:alex"));

        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(403);
        assertThat(engine.getTaskService().getTaskAttachments(task)).isEmpty();
    }

    @Test
    void anAnalystCannotRemoveASupervisorsAttachment() throws Exception {
        String task = listenTask();
        Attachment invoice = engine.getTaskService().createAttachment("application/pdf", task, null, "invoice.pdf",
                "the double charge", new ByteArrayInputStream("%PDF".getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> removed = http.send(http.request("/engine-rest/task/" + task + "/attachment/"
                + invoice.getId(), "alex:alex").DELETE());

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(403);
        assertThat(engine.getTaskService().getTaskAttachments(task)).extracting(Attachment::getName)
                .containsExactly("invoice.pdf");
    }

    @Test
    void aSupervisorStillCommentsAndAttaches() throws Exception {
        String task = listenTask();

        HttpResponse<String> commented = http.postJson("/engine-rest/task/" + task + "/comment/create", "maria:maria",
                "{\"message\": \"Call her before noon.\"}");
        HttpResponse<String> attached = http.send(attach(task, "maria:maria"));

        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
        assertThat(engine.getTaskService().getTaskComments(task)).hasSize(1);
        assertThat(engine.getTaskService().getTaskAttachments(task)).hasSize(1);
    }

    /**
     * Tasklist's "Add comment" on her own task: it was refused ({@code 403}; past that rule the engine's REST API finds
     * the task through its history, which agents do not read). It is added as hers, answered as Camunda answers it.
     */
    @Test
    void anAgentCommentsOnATaskAssignedToHer() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> commented = http.postJson("/engine-rest/task/" + task + "/comment/create", "anna:anna",
                "{\"message\": \"She prefers a call in the morning.\"}");
        HttpResponse<String> inTasklist = http.signIn("tasklist", "anna").postJson(
                "/camunda/api/engine/engine/default/task/" + task + "/comment/create",
                "{\"message\": \"Sent her the refund form.\"}");

        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(200);
        assertThat(engine.getTaskService().getTaskComments(task)).extracting(comment -> comment.getUserId())
                .containsOnly("anna").hasSize(2);
        assertThat(rest(commented).path("message").asText()).isEqualTo("She prefers a call in the morning.");
        assertThat(rest(commented).path("userId").asText()).isEqualTo("anna");
        assertThat(rest(commented).path("links").path(0).path("href").asText())
                .endsWith("/engine-rest/task/" + task + "/comment/" + rest(commented).path("id").asText());
    }

    /** A colleague's task is not hers to write into, whether or not she may see it. */
    @ParameterizedTest
    @ValueSource(strings = {"jonas:jonas", "sam:sam"})
    void anAgentCannotCommentOnAColleaguesTask(String credentials) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> commented = http.postJson("/engine-rest/task/" + task + "/comment/create", credentials,
                "{\"message\": \"Not mine to say.\"}");

        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(403);
        assertThat(engine.getTaskService().getTaskComments(task)).isEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode rest(HttpResponse<String> answer) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    }

    private HttpRequest.Builder attach(String task, String credentials) {
        String body = part("attachment-name", "Refund form") + part("attachment-type", "text/html")
                + part("url", "https://refunds.example/claim") + "--" + BOUNDARY + "--\r\n";
        return http.request("/engine-rest/task/" + task + "/attachment/create", credentials)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
}
