package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/**
 * Camunda's REST APIs ({@code /engine-rest}, and the webapps' engine API that Tasklist uses) take no body beyond
 * {@code follow-through.api.max-request-size}: a comment, a task's variables, a query of a megabyte is refused with
 * {@code 413} and a problem detail before it is read into memory, whether its length is announced or not, and
 * nothing changes. A deployment has its own, larger limit ({@code max-deployment-size}): the models are larger.
 */
@FollowThroughSpringTest
class EngineApiBodyLimitTest {

    private static final int MEGABYTE = 1024 * 1024;

    @Autowired TaskService taskService;
    @Autowired RepositoryService repositoryService;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private Task task;

    EngineApiBodyLimitTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    void aTaskToCommentOn() {
        task = taskService.newTask();
        task.setName("Comment on me");
        taskService.saveTask(task);
    }

    @AfterEach
    void removeIt() {
        taskService.deleteTask(task.getId(), true);
        repositoryService.createDeploymentQuery().deploymentName("body-limit-probe").list()
                .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
    }

    @Test
    void aCommentOfAMegabyteIsRefusedWith413AndNotWritten() throws Exception {
        String comment = "{\"message\": \"" + "x".repeat(MEGABYTE) + "\"}";

        HttpResponse<String> announced = http.postJson(commentPath(), "demo:demo", comment);
        HttpResponse<String> streamed = http.send(http.request(commentPath(), "demo:demo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(comment.getBytes(StandardCharsets.UTF_8)))));

        assertTooLarge(announced, 128 * 1024);
        assertTooLarge(streamed, 128 * 1024);
        assertThat(taskService.getTaskComments(task.getId())).isEmpty();
        assertThat(http.postJson(commentPath(), "demo:demo", "{\"message\": \"Called, no answer\"}").statusCode())
                .as("a comment of ordinary length").isEqualTo(200);
    }

    @Test
    void tasklistsEngineApiHoldsTheSameLimit() throws Exception {
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");
        String query = "{\"nameLike\": \"" + "x".repeat(MEGABYTE) + "\"}";

        assertTooLarge(tasklist.postJson("/camunda/api/engine/engine/default/task", query), 128 * 1024);
        assertTooLarge(http.postJson("/engine-rest/task", "anna:anna", query), 128 * 1024);
    }

    @Test
    void aCallerWhoIsNotSignedInIsAskedToSignInFirst() throws Exception {
        assertThat(http.postJson(commentPath(), null, "{\"message\": \"" + "x".repeat(MEGABYTE) + "\"}")
                .statusCode()).isEqualTo(401);
    }

    /** support-case.bpmn alone is over 270 KB: a deployment gets its own limit, 10 MB unless set otherwise. */
    @Test
    void aDeploymentLargerThanARequestIsTakenUpToItsOwnLimit() throws Exception {
        String model = Bpmn.convertToString(Bpmn.createExecutableProcess("BodyLimitProbe").camundaHistoryTimeToLive(1)
                .startEvent().endEvent().done());
        String large = withComment(model, 300 * 1024);
        String tooLarge = withComment(model, 11 * MEGABYTE);
        assertThat(large.length()).isGreaterThan(300 * 1024);

        HttpResponse<String> deployed = deploy(large);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        repositoryService.deleteDeployment(json.readTree(deployed.body()).path("id").asText(), true);

        assertTooLarge(deploy(tooLarge), 10 * MEGABYTE);
        assertThat(repositoryService.createDeploymentQuery().deploymentName("body-limit-probe").count()).isZero();
    }

    private static String withComment(String model, int length) {
        int end = model.lastIndexOf("</");
        return model.substring(0, end) + "<!-- " + "x".repeat(length) + " -->\n" + model.substring(end);
    }

    private HttpResponse<String> deploy(String model) throws Exception {
        String boundary = "probe-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                + "body-limit-probe\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\";"
                + " filename=\"probe.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n" + model + "\r\n--"
                + boundary + "--\r\n";
        return http.send(http.request("/engine-rest/deployment/create", "demo:demo")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void assertTooLarge(HttpResponse<String> response, long limit) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("detail").asText()).isEqualTo("The request body must be at most " + limit + " bytes.");
        assertThat(problem.path("message").asText()).as("Camunda's field, which Tasklist shows")
                .isEqualTo(problem.path("detail").asText());
    }

    private String commentPath() {
        return "/engine-rest/task/" + task.getId() + "/comment/create";
    }
}
