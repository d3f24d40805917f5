package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * An agent sets no variable past the task's form (docs/security.md): a completion over REST, through any route and
 * spelling, that carries a variable the task's deployed form has no field for is refused with {@code 400}, and the
 * case does not move. Administrators may still send more.
 */
@FollowThroughSpringTest
class FormFieldsOnlyTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    FormFieldsOnlyTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    /** A case whose fault party is our company, at anna's "Resolve the problem". */
    private CaseDriver annaResolves() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company");
    }

    private static Map<String, Object> resolved() {
        Map<String, Object> entered = new LinkedHashMap<>();
        entered.put("resolutionSummary", "The second debit was reversed");
        entered.put("faultParty", "company");
        entered.put("customerCost", 15.0);
        entered.put("costOfTheMiss", 0.0);
        return entered;
    }

    private static Map<String, Object> with(Map<String, Object> entered, String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(entered);
        more.put(name, value);
        return more;
    }

    private String variables(Map<String, Object> values) throws Exception {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, Map.of("value", value)));
        return json.writeValueAsString(Map.of("variables", typed));
    }

    private void assertRefusedNaming(HttpResponse<String> response, String... variables) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(variables);
        assertThat(problem.path("detail").asText()).contains(variables);
        assertThat(problem.path("message").asText()).as("Camunda's own error field, which Tasklist shows")
                .startsWith("Cannot ").contains(variables);
    }

    @Test
    void aVariableTheFormDoesNotHaveIsRefusedAndTheReimbursementIsStillDecided() throws Exception {
        CaseDriver c = annaResolves();
        Task resolve = c.task("Task_ResolveProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(resolve.getId());

        HttpResponse<String> refused = http.postJson("/engine-rest/task/" + resolve.getId() + "/complete", "anna:anna",
                variables(with(resolved(), "reimbursementDecided", true)));

        assertRefusedNaming(refused, "reimbursementDecided");
        assertThat(c.task("Task_ResolveProblem").getId()).isEqualTo(resolve.getId());
        assertThat(engine.getTaskService().getVariables(resolve.getId())).isEqualTo(before);

        HttpResponse<String> completed = http.postJson("/engine-rest/task/" + resolve.getId() + "/complete",
                "anna:anna", variables(resolved()));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        c.runAsyncSteps();
        assertThat(c.variable("reimbursementKind")).as("the reimbursement was decided").isNotNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(c.instance.getId()).activityId("EndEvent_ReimbursementAlreadyDecided").count())
                .isZero();
    }

    @Test
    void everyRouteAndSpellingOfASubmissionIsRefusedNamingEachVariable() throws Exception {
        CaseDriver c = annaResolves();
        String id = c.task("Task_ResolveProblem").getId();
        Map<String, Object> before = engine.getTaskService().getVariables(id);
        String past = variables(with(with(resolved(), "owner", "jonas"), "resolutionDueAt", "2030-01-01T00:00:00"));

        for (String path : new String[] {"/engine-rest/task/%s/complete", "/engine-rest/task/%s/submit-form",
                "/engine-rest/task/%s/resolve", "/engine-rest/engine/default/task/%s/complete",
                "/engine-rest//task/%s//submit-form/", "/engine-rest/task;x=y/%s/complete",
                "/engine-rest/task/%s/%%63omplete", "/engine-rest/engine/default/task/%s/submit-form;a=b"}) {
            HttpResponse<String> response = http.postJson(path.formatted(id), "anna:anna", past);

            assertRefusedNaming(response, "owner", "resolutionDueAt");
        }
        assertThat(engine.getTaskService().getVariables(id)).isEqualTo(before);
        assertThat(c.task("Task_ResolveProblem").getAssignee()).isEqualTo("anna");
    }

    @Test
    void theWebappsOwnEngineApiThatTasklistUsesRefusesThemToo() throws Exception {
        CaseDriver c = annaResolves();
        String id = c.task("Task_ResolveProblem").getId();
        Map<String, Object> before = engine.getTaskService().getVariables(id);
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");

        String past = variables(with(resolved(), "reimbursementDecided", true));

        for (String operation : new String[] {"submit-form", "complete"}) {
            HttpResponse<String> response = tasklist.send(webappPost(tasklist, id, operation, past));

            assertRefusedNaming(response, "reimbursementDecided");
        }
        assertThat(engine.getTaskService().getVariables(id)).isEqualTo(before);

        HttpResponse<String> submitted = tasklist.send(webappPost(tasklist, id, "submit-form", variables(resolved())));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
    }

    private static HttpRequest.Builder webappPost(AppHttp.WebappSession session, String taskId, String operation,
                                                  String body) {
        return session.request("/camunda/api/engine/engine/default/task/" + taskId + "/" + operation)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void anAdministratorMayStillSetMoreThanTheForm() throws Exception {
        CaseDriver c = annaResolves();
        String id = c.task("Task_ResolveProblem").getId();

        HttpResponse<String> response = http.postJson("/engine-rest/task/" + id + "/complete", "demo:demo",
                variables(with(resolved(), "adminNote", "closed on the customer's request")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "adminNote"))
                .isEqualTo("closed on the customer's request");
    }

    @Test
    void aTaskWithoutAFormIsCompletedWithoutVariables() throws Exception {
        Task standalone = engine.getTaskService().newTask();
        standalone.setName("Call the bank about the overdraft fee");
        engine.getTaskService().saveTask(standalone);
        engine.getTaskService().addCandidateGroup(standalone.getId(), "agents-en");
        String complete = "/engine-rest/task/" + standalone.getId() + "/complete";

        assertRefusedNaming(http.postJson(complete, "anna:anna", variables(Map.of("owner", "anna"))), "owner");
        assertThat(http.postJson(complete, "anna:anna", "{}").statusCode()).isEqualTo(204);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAndChangesNothing() throws Exception {
        CaseDriver c = annaResolves();
        String id = c.task("Task_ResolveProblem").getId();

        HttpResponse<String> response = http.postJson("/engine-rest/task/" + id + "/complete", "anna:anna",
                "{\"variables\": {\"resolutionSummary\": {\"value\": \"Reversed\"}, ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(c.task("Task_ResolveProblem").getId()).isEqualTo(id);
    }

    @Test
    void theNamesSentAreEveryNameOfEveryVariablesObjectAndNoNameWithinAValue() throws Exception {
        String body = """
                {"withVariablesInReturn": true, "variables": {"faultParty": {"value": "company"}},
                 "other": {"variables": {"notSent": {}}},
                 "variables": {"owner": {"value": {"plan": "x"}, "valueInfo": {"objectTypeName": "y"}}}}""";

        assertThat(FormFieldsOnly.variableNames(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .containsExactly("faultParty", "owner");
        assertThat(FormFieldsOnly.variableNames(new byte[0])).isEmpty();
        assertThat(FormFieldsOnly.variableNames("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }
}
