package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

@FollowThroughSpringTest
class RestSecurityTest {

    private static final String PROBE_PROCESS = "RestSecurityProbe";


    @Autowired
    TaskService taskService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    AuthorizationService authorizationService;

    @Autowired
    IdentityService identityService;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    RestSecurityTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void engineRestWithoutCredentialsIsUnauthorized() throws Exception {
        HttpResponse<String> response = http.get("/engine-rest/process-definition", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        // A JSON body that says what to do, as every other refusal has: Camunda's filter sent none.
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("message").asText()).startsWith("Sign in with your Follow-Through user id");
    }

    /** Camunda's filter lets the list of engines through without a login; ours does not. */
    @Test
    void theListOfEnginesNeedsALoginToo() throws Exception {
        for (String path : List.of("/engine-rest/engine", "/engine-rest/engine/", "/engine-rest/engine?x=y")) {
            HttpResponse<String> anonymous = http.get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).as(path).doesNotContain("\"name\"");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
        HttpResponse<String> signedIn = http.get("/engine-rest/engine", "anna:anna");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        // The decision tests' own engine (DecisionTestEngine) is listed too once they ran in this JVM.
        assertThat(json.readTree(signedIn.body()).findValuesAsText("name")).contains("default");
        assertThat(http.get("/engine-rest/engine/", "anna:anna").statusCode()).isEqualTo(200);
    }

    /** Spring's error page is where errors are forwarded to, not an endpoint: asked for directly, nothing is there. */
    @Test
    void theErrorPathAskedForDirectlyIsNotFoundNotAServerError() throws Exception {
        for (String credentials : java.util.Arrays.asList(null, "anna:anna")) {
            for (String accept : List.of("application/json", "text/html")) {
                HttpResponse<String> response =
                        http.send(http.request("/error", credentials).setHeader("Accept", accept));
                assertThat(response.statusCode()).as(accept + " as " + credentials).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = json.readTree(response.body());
                assertThat(problem.path("status").asInt()).isEqualTo(404);
                assertThat(problem.path("instance").asText()).isEqualTo("/error");
            }
        }
        assertThat(http.postJson("/error", null, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void engineRestWithWrongPasswordIsUnauthorized() throws Exception {
        // A user of its own: a failed login delays that user's next attempts, and other tests log in as the demo users.
        User probe = identityService.newUser("passwordprobe");
        probe.setPassword("right-password");
        identityService.saveUser(probe);
        try {
            assertThat(http.get("/engine-rest/process-definition", "passwordprobe:wrong-password").statusCode()).isEqualTo(401);
        } finally {
            identityService.deleteUser(probe.getId());
        }
    }

    /**
     * A user made without a password (over {@code /engine-rest/user/create} without credentials, or by a script) cannot
     * sign in with any password: a 401 as for a wrong one, on our API, Camunda's and the webapps' login, never a 500.
     */
    @Test
    void aUserWithoutAPasswordIsUnauthorizedNotAnError() throws Exception {
        User probe = identityService.newUser("nopasswordprobe");
        identityService.saveUser(probe);
        try {
            String credentials = "nopasswordprobe:nopasswordprobe";
            assertThat(http.get("/api/workload", credentials).statusCode()).as("/api").isEqualTo(401);
            assertThat(http.get("/engine-rest/process-definition", credentials).statusCode()).as("/engine-rest")
                    .isEqualTo(401);
            assertThatThrownBy(() -> http.signIn("tasklist", "nopasswordprobe")).as("the webapps' login")
                    .hasMessageContaining("login of nopasswordprobe: 401");
        } finally {
            identityService.deleteUser(probe.getId());
        }
    }

    @Test
    void engineRestAnswersAnAuthenticatedAgent() throws Exception {
        assertThat(http.get("/engine-rest/process-definition", "anna:anna").statusCode()).isEqualTo(200);
    }

    @Test
    void agentCannotCreateUsers() throws Exception {
        String newUser = """
                {"profile": {"id": "mallory", "firstName": "Mal", "lastName": "Lory", "email": "m@example.com"},
                 "credentials": {"password": "mallory"}}""";

        assertThat(http.postJson("/engine-rest/user/create", "anna:anna", newUser).statusCode()).isEqualTo(403);
    }

    @Test
    void analystReadsProcessDefinitionsButCannotStartProcessesOrCompleteTasks() throws Exception {
        Deployment deployment = deployProbeProcess();
        Task task = standaloneTask("Approve a reimbursement", "supervisors");
        try {
            HttpResponse<String> definitions = http.get("/engine-rest/process-definition?key=" + PROBE_PROCESS, "alex:alex");
            assertThat(definitions.statusCode()).isEqualTo(200);
            assertThat(json.readTree(definitions.body()).findValuesAsText("key")).containsExactly(PROBE_PROCESS);

            assertThat(http.postJson("/engine-rest/process-definition/key/" + PROBE_PROCESS + "/start", "alex:alex", "{}")
                    .statusCode()).isEqualTo(403);
            assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/complete", "alex:alex", "{}").statusCode())
                    .isEqualTo(403);
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
        } finally {
            taskService.deleteTask(task.getId(), true);
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void germanAgentDoesNotSeeTasksOfTheEnglishTeam() throws Exception {
        Task task = standaloneTask("Call back an English customer", "agents-en");
        try {
            assertThat(taskIdsVisibleTo("anna:anna")).contains(task.getId());
            assertThat(taskIdsVisibleTo("jonas:jonas")).doesNotContain(task.getId());
            // A task jonas may not read does not exist for him.
            assertThat(http.get("/engine-rest/task/" + task.getId(), "jonas:jonas").statusCode()).isEqualTo(404);
            // The engine granted the candidate group READ and TASK_WORK on the task: anna may work it, not edit it.
            assertThat(authorizationService.isUserAuthorized("anna", List.of("agents", "agents-en"),
                    TaskPermissions.TASK_WORK, Resources.TASK, task.getId())).isTrue();
            assertThat(authorizationService.isUserAuthorized("anna", List.of("agents", "agents-en"),
                    Permissions.UPDATE, Resources.TASK, task.getId())).isFalse();
        } finally {
            taskService.deleteTask(task.getId(), true);
        }
    }

    @Test
    void apiWithoutCredentialsAnswersProblemDetailWithBasicChallenge() throws Exception {
        HttpResponse<String> response = http.get("/api/cases", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Follow-Through\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/cases");
    }

    @Test
    void apiLetsAuthenticatedUsersThrough() throws Exception {
        // No controller behind /api yet: anything but 401 shows the filter let the request pass.
        assertThat(http.get("/api/cases", "anna:anna").statusCode()).isNotEqualTo(401);
        assertThat(http.get("/api/cases", "nobody:nothing").statusCode()).isEqualTo(401);
    }

    @Test
    void webappApiRequiresTheWebappLogin() throws Exception {
        assertThat(http.get("/camunda/api/engine/engine/default/task", null).statusCode()).isEqualTo(401);
        // Basic credentials are not a webapp session.
        assertThat(http.get("/camunda/api/engine/engine/default/task", "anna:anna").statusCode()).isEqualTo(401);
    }

    @Test
    void tasklistServesOnlyItsLoginShellWithoutSession() throws Exception {
        HttpResponse<String> response = http.get("/camunda/app/tasklist/", null);

        assertThat(response.statusCode()).isIn(200, 302, 303, 307);
        if (response.statusCode() == 200) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).doesNotContain("\"taskDefinitionKey\"");
        }
    }

    private List<String> taskIdsVisibleTo(String credentials) throws Exception {
        HttpResponse<String> response = http.get("/engine-rest/task?maxResults=1000", credentials);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).findValuesAsText("id");
    }

    private Task standaloneTask(String name, String candidateGroup) {
        Task task = taskService.newTask();
        task.setName(name);
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), candidateGroup);
        return task;
    }

    private Deployment deployProbeProcess() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROBE_PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask().camundaCandidateGroups("supervisors")
                .endEvent()
                .done();
        return repositoryService.createDeployment().name(PROBE_PROCESS)
                .addModelInstance(PROBE_PROCESS + ".bpmn", model).deploy();
    }
}
