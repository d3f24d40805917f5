package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Attachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.AsTheApplication;
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
    private final ObjectMapper json = new ObjectMapper();

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

    /**
     * Tasklist's History tab and {@code GET .../task/{id}/comment}: an agent read no comment on a task she works, not
     * even her own or the note a supervisor left ({@code 404}: the engine's REST API finds the task through its
     * history, which agents do not read). She reads them as Camunda answers a supervisor, and each one by its id.
     */
    @Test
    void anAgentReadsTheCommentsOnATaskAssignedToHer() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String supervisors = commentAs("maria:maria", task, "Call her before noon.");
        commentAs("anna:anna", task, "She prefers a call in the morning.");
        String comments = "/engine-rest/task/" + task + "/comment";

        HttpResponse<String> read = http.get(comments, "anna:anna");
        HttpResponse<String> one = http.get(comments + "/" + supervisors, "anna:anna");
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");
        HttpResponse<String> inTasklist = tasklist.send(
                tasklist.request("/camunda/api/engine/engine/default/task/" + task + "/comment").GET());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(rest(read)).extracting(comment -> comment.path("userId").asText() + ": "
                        + comment.path("message").asText())
                .containsExactlyInAnyOrder("maria: Call her before noon.", "anna: She prefers a call in the morning.");
        assertThat(rest(read)).isEqualTo(rest(http.get(comments, "maria:maria")));
        assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(200);
        assertThat(rest(inTasklist)).isEqualTo(rest(read));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(rest(one)).isEqualTo(rest(http.get(comments + "/" + supervisors, "maria:maria")));
    }

    /**
     * A task in her team's queue is offered to her: she reads the note a supervisor left on it before she claims it,
     * and a teammate still reads it once she has.
     */
    @Test
    void agentsReadTheCommentsOnTheirTeamsTasks() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.task("Task_ListenToCustomer").getId();
        commentAs("maria:maria", task, "Call her before noon.");
        String comments = "/engine-rest/task/" + task + "/comment";

        HttpResponse<String> inTheQueue = http.get(comments, "anna:anna");
        c.claim("Task_ListenToCustomer", "anna");
        TwoAgents.tomJoinsTheEnglishAgents(engine.getIdentityService());
        HttpResponse<String> byATeammate;
        try {
            byATeammate = http.get(comments, TwoAgents.TOM);
        } finally {
            TwoAgents.tomLeaves(engine.getIdentityService());
        }

        assertThat(inTheQueue.statusCode()).as(inTheQueue.body()).isEqualTo(200);
        assertThat(rest(inTheQueue)).extracting(comment -> comment.path("message").asText())
                .containsExactly("Call her before noon.");
        assertThat(byATeammate.statusCode()).as(byATeammate.body()).isEqualTo(200);
        assertThat(rest(byATeammate)).isEqualTo(rest(inTheQueue));
    }

    /**
     * Another team's task (Jonas works the German cases), or a case a specialist is not asked about: its comments stay
     * hidden as the task does, the list and each comment by its id. The engine checks nothing when one comment is read
     * by its id: anyone signed in read it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jonas:jonas", "sam:sam"})
    void anAgentCannotReadTheCommentsOnAnotherTeamsTask(String credentials) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String supervisors = commentAs("maria:maria", task, "Refund approved, tell her.");
        String comments = "/engine-rest/task/" + task + "/comment";

        HttpResponse<String> read = http.get(comments, credentials);
        HttpResponse<String> one = http.get(comments + "/" + supervisors, credentials);
        AppHttp.WebappSession tasklist = http.signIn("tasklist", credentials.substring(0, credentials.indexOf(':')));
        HttpResponse<String> oneInTasklist = tasklist.send(tasklist.request(
                "/camunda/api/engine/engine/default/task/" + task + "/comment/" + supervisors).GET());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(404);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(404);
        assertThat(oneInTasklist.statusCode()).as(oneInTasklist.body()).isEqualTo(404);
        assertThat(read.body() + one.body() + oneInTasklist.body()).doesNotContain("Refund approved");
    }

    /** An analyst reads every case's history, its tasks' comments with it, as before: the engine answers her. */
    @Test
    void anAnalystStillReadsTheCommentsOfACase() throws Exception {
        String task = listenTask();
        String supervisors = commentAs("maria:maria", task, "Call her before noon.");
        String comments = "/engine-rest/task/" + task + "/comment";

        HttpResponse<String> read = http.get(comments, "alex:alex");
        HttpResponse<String> one = http.get(comments + "/" + supervisors, "alex:alex");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(rest(read)).isEqualTo(rest(http.get(comments, "maria:maria")));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(rest(one).path("message").asText()).isEqualTo("Call her before noon.");
    }

    /**
     * An attachment by its id, and its file: the engine checks nothing there, so anyone signed in read the invoice a
     * supervisor attached to Anna's task whose ids they had (another team's agent, a specialist not asked, the intake
     * system, a designer), where the task and its list of attachments are {@code 404} for them. Now so is the
     * attachment, on both engine APIs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jonas:jonas", "sam:sam", "portal:portal", "dana:dana"})
    void whoMayNotSeeTheTaskCannotReadItsAttachmentByItsId(String credentials) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String attachment = invoiceOn(task).getId();
        String one = "/task/" + task + "/attachment/" + attachment;

        HttpResponse<String> read = http.get("/engine-rest" + one, credentials);
        HttpResponse<String> file = http.send(http.request("/engine-rest" + one + "/data", credentials)
                .setHeader("Accept", "*/*").GET());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(404);
        assertThat(file.statusCode()).as(file.body()).isEqualTo(404);
        assertThat(rest(read).path("message").asText()).isEqualTo("No task found for task id " + task);
        assertThat(read.body() + file.body()).doesNotContain("Refund approved").doesNotContain("%PDF");
        if (!credentials.startsWith("portal") && !credentials.startsWith("dana")) {
            String user = credentials.substring(0, credentials.indexOf(':'));
            AppHttp.WebappSession tasklist = http.signIn("tasklist", user);
            HttpResponse<String> inTasklist = tasklist.send(
                    tasklist.request("/camunda/api/engine/engine/default" + one).GET());
            assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(404);
        }
    }

    /** Who may work the task, and an analyst, who reads every case's history, read it by its id as before. */
    @ParameterizedTest
    @ValueSource(strings = {"anna:anna", "alex:alex", "maria:maria"})
    void whoMaySeeTheTaskStillReadsItsAttachmentByItsId(String credentials) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String one = "/engine-rest/task/" + task + "/attachment/" + invoiceOn(task).getId();

        HttpResponse<String> read = http.get(one, credentials);
        HttpResponse<String> file = http.send(http.request(one + "/data", credentials)
                .setHeader("Accept", "*/*").GET());

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(rest(read).path("description").asText()).isEqualTo("Refund approved, the double charge");
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("%PDF");
    }

    /**
     * The list of a task's attachments, for whoever may work it, as its comments: the engine's REST API finds the task
     * through its history, which agents do not read, so Anna got {@code 404} ("No task found") where a supervisor had
     * attached an invoice to her task, and to a task of her team's queue. Another team's agent still gets it.
     */
    @Test
    void agentsListTheAttachmentsOfATaskTheyMayWork() throws Exception {
        CaseDriver held = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String hers = held.claim("Task_ListenToCustomer", "anna");
        invoiceOn(hers);
        String queued = listenTask();
        invoiceOn(queued);
        String list = "/task/" + hers + "/attachment";

        HttpResponse<String> read = http.get("/engine-rest" + list, "anna:anna");
        HttpResponse<String> inTheQueue = http.get("/engine-rest/task/" + queued + "/attachment", "anna:anna");
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");
        HttpResponse<String> inTasklist = tasklist.send(
                tasklist.request("/camunda/api/engine/engine/default" + list).GET());
        HttpResponse<String> byAnotherTeam = http.get("/engine-rest" + list, "jonas:jonas");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(rest(read)).extracting(attachment -> attachment.path("description").asText())
                .containsExactly("Refund approved, the double charge");
        assertThat(rest(read)).isEqualTo(rest(http.get("/engine-rest" + list, "maria:maria")));
        assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(200);
        assertThat(rest(inTasklist)).isEqualTo(rest(read));
        assertThat(inTheQueue.statusCode()).as(inTheQueue.body()).isEqualTo(200);
        assertThat(rest(inTheQueue)).hasSize(1);
        assertThat(byAnotherTeam.statusCode()).as(byAnotherTeam.body()).isEqualTo(404);
        assertThat(byAnotherTeam.body()).doesNotContain("Refund approved");
    }

    /**
     * A supervisor's note on the task Anna holds is the case's record: Anna may not delete it or write over it, on
     * either engine API. The engine let whoever works the task (its TASK_WORK) change or delete every comment on it,
     * and wrote the editor's name on the note.
     */
    @Test
    void anAgentNeitherDeletesNorEditsASupervisorsNoteOnHerTask() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String note = commentAs("maria:maria", task, "Refund approved, call her before noon.");
        String comments = "/task/" + task + "/comment";
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");
        String webapp = "/camunda/api/engine/engine/default";

        List<HttpResponse<String>> deletes = List.of(
                http.send(http.request("/engine-rest" + comments + "/" + note, "anna:anna").DELETE()),
                http.send(http.request("/engine-rest" + comments, "anna:anna").DELETE()),
                tasklist.send(tasklist.request(webapp + comments + "/" + note).DELETE()),
                tasklist.send(tasklist.request(webapp + comments).DELETE()));
        String edit = json.writeValueAsString(Map.of("id", note, "message", "No refund."));
        List<HttpResponse<String>> edits = List.of(
                http.send(http.request("/engine-rest" + comments, "anna:anna")
                        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(edit))),
                tasklist.send(tasklist.request(webapp + comments).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(edit))));

        assertThat(deletes).allSatisfy(refused -> assertRefused(refused, "Only administrators delete a comment"));
        assertThat(edits).allSatisfy(refused -> assertRefused(refused, "Only the one who wrote a comment edits it"));
        assertThat(engine.getTaskService().getTaskComments(task))
                .extracting(comment -> comment.getUserId() + ": " + comment.getFullMessage())
                .containsExactly("maria: Refund approved, call her before noon.");
    }

    /** A supervisor takes any task over, but an agent's note on it stays the agent's: not hers to edit or delete. */
    @Test
    void aSupervisorNeitherDeletesNorEditsAnAgentsNote() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String note = commentAs("anna:anna", task, "She said the parcel never came.");
        String comments = "/engine-rest/task/" + task + "/comment";

        HttpResponse<String> deleted = http.send(http.request(comments + "/" + note, "maria:maria").DELETE());
        HttpResponse<String> deletedAll = http.send(http.request(comments, "maria:maria").DELETE());
        HttpResponse<String> edited = put(comments, "maria:maria", note, "Parcel arrived.");

        assertRefused(deleted, "Only administrators delete a comment");
        assertRefused(deletedAll, "Only administrators delete a comment");
        assertRefused(edited, "Only the one who wrote a comment edits it");
        assertThat(engine.getTaskService().getTaskComments(task))
                .extracting(comment -> comment.getUserId() + ": " + comment.getFullMessage())
                .containsExactly("anna: She said the parcel never came.");
    }

    /**
     * Anna corrects her own note on the task she holds, on both APIs, and its History keeps what it said before; she
     * does not delete it (a colleague may have acted on it). The engine's REST API found the task through its history,
     * which agents do not read ({@code 404}).
     */
    @Test
    void anAgentEditsButDoesNotDeleteHerOwnNote() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String note = commentAs("anna:anna", task, "Call her in the evening.");
        String comments = "/task/" + task + "/comment";
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");

        HttpResponse<String> edited = put("/engine-rest" + comments, "anna:anna", note, "Call her in the morning.");
        HttpResponse<String> inTasklist = tasklist.send(tasklist.request(
                "/camunda/api/engine/engine/default" + comments).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("id", note, "message", "Call her in the morning, before nine.")))));
        HttpResponse<String> deleted = http.send(http.request("/engine-rest" + comments + "/" + note, "anna:anna")
                .DELETE());

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(204);
        assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(204);
        assertRefused(deleted, "Only administrators delete a comment");
        assertThat(engine.getTaskService().getTaskComments(task))
                .extracting(comment -> comment.getUserId() + ": " + comment.getFullMessage())
                .containsExactly("anna: Call her in the morning, before nine.");
        HttpResponse<String> history = tasklist.send(tasklist.request("/camunda/api/engine/engine/default/history"
                + "/user-operation?taskId=" + task + "&maxResults=50&firstResult=0").GET());
        assertThat(rest(history)).filteredOn(entry -> entry.path("operationType").asText()
                        .equals(UserOperationLogEntry.OPERATION_TYPE_UPDATE_COMMENT))
                .extracting(entry -> entry.path("userId").asText() + ": " + entry.path("orgValue").asText() + " -> "
                        + entry.path("newValue").asText())
                .containsExactlyInAnyOrder("anna: Call her in the evening. -> Call her in the morning.",
                        "anna: Call her in the morning. -> Call her in the morning, before nine.");
    }

    /** An administrator corrects or removes any note (a customer's card number pasted into it, say). */
    @Test
    void anAdministratorEditsAndDeletesAnyNote() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.claim("Task_ListenToCustomer", "anna");
        String edited = commentAs("maria:maria", task, "Card 4111 1111 1111 1111.");
        String removed = commentAs("anna:anna", task, "Wrong case, sorry.");
        String comments = "/engine-rest/task/" + task + "/comment";

        HttpResponse<String> edit = put(comments, "demo:demo", edited, "Card number removed.");
        HttpResponse<String> delete = http.send(http.request(comments + "/" + removed, "demo:demo").DELETE());

        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(204);
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
        assertThat(engine.getTaskService().getTaskComments(task)).extracting(Comment::getFullMessage)
                .containsExactly("Card number removed.");
    }

    /** The case's own comments (on the process instance) are kept as a task's: an administrator's stays as written. */
    @ParameterizedTest
    @ValueSource(strings = {"anna:anna", "maria:maria"})
    void aCasesCommentsAreNotDeletedOrEditedByOthers(String credentials) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        c.claim("Task_ListenToCustomer", "anna");
        String theCase = c.task("Task_ListenToCustomer").getProcessInstanceId();
        String note = AsTheApplication.runAs(engine.getIdentityService(),
                new Authentication("demo", List.of("camunda-admin")),
                () -> engine.getTaskService().createComment(null, theCase, "Fault is the carrier's.")).getId();
        String comments = "/engine-rest/process-instance/" + theCase + "/comment";

        HttpResponse<String> deleted = http.send(http.request(comments + "/" + note, credentials).DELETE());
        HttpResponse<String> deletedAll = http.send(http.request(comments, credentials).DELETE());
        HttpResponse<String> edited = put(comments, credentials, note, "Fault is ours.");

        assertRefused(deleted, "Only administrators delete a comment");
        assertRefused(deletedAll, "Only administrators delete a comment");
        assertRefused(edited, "Only the one who wrote a comment edits it");
        assertThat(engine.getTaskService().getProcessInstanceComments(theCase))
                .extracting(comment -> comment.getUserId() + ": " + comment.getFullMessage())
                .containsExactly("demo: Fault is the carrier's.");
    }

    private HttpResponse<String> put(String comments, String credentials, String commentId, String message)
            throws Exception {
        return http.send(http.request(comments, credentials).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("id", commentId, "message", message)))));
    }

    /** {@code 403} with a problem detail naming the rule, as an integrator reads it. */
    private static void assertRefused(HttpResponse<String> answer, String rule) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        try {
            assertThat(rest(answer).path("detail").asText()).contains(rule);
        } catch (Exception notJson) {
            throw new AssertionError(answer.body(), notJson);
        }
    }

    private Attachment invoiceOn(String task) {
        return engine.getTaskService().createAttachment("application/pdf", task, null, "invoice.pdf",
                "Refund approved, the double charge",
                new ByteArrayInputStream("%PDF".getBytes(StandardCharsets.UTF_8)));
    }

    /** Adds a comment to the task over {@code /engine-rest} as the caller; its id. */
    private String commentAs(String credentials, String task, String message) throws Exception {
        HttpResponse<String> commented = http.postJson("/engine-rest/task/" + task + "/comment/create", credentials,
                json.writeValueAsString(Map.of("message", message)));
        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        return rest(commented).path("id").asText();
    }

    private static JsonNode rest(HttpResponse<String> answer) throws Exception {
        return new ObjectMapper().readTree(answer.body());
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
