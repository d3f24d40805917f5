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
import com.followthrough.vocabulary.Processes;

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
    void aCallerWhoMayNotWorkTheTaskGetsTheEnginesAnswerNotTheForms() throws Exception {
        CaseDriver c = annaResolves();
        String id = c.task("Task_ResolveProblem").getId();

        HttpResponse<String> response = http.postJson("/engine-rest/task/" + id + "/complete", "sam:sam",
                variables(with(resolved(), "owner", "sam")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).as("nothing of the task's form").doesNotContain("owner", "form");
        assertThat(c.task("Task_ResolveProblem").getId()).isEqualTo(id);
    }

    // --- starting a case -----------------------------------------------------------------------------------------

    /** The start form's fields (forms/start-case.form), as Tasklist submits them. */
    private static Map<String, Object> startForm() {
        Map<String, Object> entered = new LinkedHashMap<>(CaseDriver.caseFromJane());
        entered.put("channel", "phone");
        return entered;
    }

    private long casesOpened() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).count();
    }

    private String supportCaseDefinition() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .latestVersion().singleResult().getId();
    }

    @Test
    void aStartWithAVariableTheStartFormDoesNotHaveIsRefusedInEverySpellingAndOpensNoCase() throws Exception {
        long before = casesOpened();
        String definition = supportCaseDefinition();
        String past = variables(with(with(startForm(), "owner", "anna"), "resolutionDueAt", "2030-01-01T00:00:00"));

        for (String path : new String[] {"/engine-rest/process-definition/key/SupportCase/start",
                "/engine-rest/process-definition/key/SupportCase/submit-form",
                "/engine-rest/process-definition/" + definition + "/start",
                "/engine-rest/process-definition/" + definition + "/submit-form",
                "/engine-rest/engine/default/process-definition/key/SupportCase/start",
                "/engine-rest//process-definition/key/%53upportCase/start/",
                "/engine-rest/process-definition;a=b/key/SupportCase/submit-form"}) {
            HttpResponse<String> response = http.postJson(path, "anna:anna", past);

            assertRefusedNaming(response, "owner", "resolutionDueAt");
        }
        HttpResponse<String> tenant = http.postJson(
                "/engine-rest/process-definition/key/SupportCase/tenant-id/any/start", "anna:anna", past);
        assertThat(tenant.statusCode()).as(tenant.body()).isGreaterThanOrEqualTo(400);
        assertThat(casesOpened()).isEqualTo(before);
    }

    @Test
    void aStartWithTheStartFormsFieldsOpensTheCaseAsTasklistWould() throws Exception {
        long before = casesOpened();

        HttpResponse<String> response = http.postJson("/engine-rest/process-definition/key/SupportCase/start",
                "anna:anna", variables(startForm()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(casesOpened()).isEqualTo(before + 1);
        String instance = json.readTree(response.body()).path("id").asText();
        assertThat(engine.getRuntimeService().getVariable(instance, "openedBy")).isEqualTo("anna");
        assertThat(engine.getRuntimeService().getVariable(instance, "caseReference")).isNotNull();
    }

    @Test
    void aStartThatSkipsTheStartOrItsStepsIsRefused() throws Exception {
        long before = casesOpened();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("variables", json.readTree(variables(startForm())).path("variables"));
        body.put("startInstructions", java.util.List.of(
                Map.of("type", "startBeforeActivity", "activityId", "Task_ResolveProblem")));
        body.put("skipCustomListeners", true);
        body.put("skipIoMappings", true);

        HttpResponse<String> response = http.postJson("/engine-rest/process-definition/key/SupportCase/start",
                "anna:anna", json.writeValueAsString(body));

        assertRefusedNaming(response, "skipCustomListeners", "skipIoMappings", "startInstructions");
        assertThat(casesOpened()).isEqualTo(before);
    }

    @Test
    void aStartWithTheFormsFieldsButValuesTheFormRefusesIsA400NamingThemAndOpensNoCase() throws Exception {
        long before = casesOpened();

        for (String caller : new String[] {"anna:anna", "demo:demo"}) {
            for (String operation : new String[] {"start", "submit-form"}) {
                String path = "/engine-rest/process-definition/key/SupportCase/" + operation;
                HttpResponse<String> empty = http.postJson(path, caller,
                        variables(with(startForm(), "customerName", "")));
                assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
                assertThat(json.readTree(empty.body()).path("message").asText()).contains("(customerName)")
                        .as("nothing was started, and the refusal says so").contains("Not started. Please correct: ")
                        .doesNotContain("Not saved");
                assertThat(json.readTree(empty.body()).path("errors").findValuesAsText("field"))
                        .as("for a program").containsExactly("customerName");

                HttpResponse<String> tooLong = http.postJson(path, caller,
                        variables(with(startForm(), "description", "x".repeat(4001))));
                assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
                assertThat(json.readTree(tooLong.body()).path("message").asText()).contains("(description)");
            }
        }
        assertThat(casesOpened()).isEqualTo(before);
    }

    /**
     * An email address pasted with a no-break space (from a signature or a web page): Tasklist's start form refuses
     * it by its pattern, read as JavaScript reads {@code \\s}. Over REST the case was opened, and every message of it
     * went to an address no mail reaches.
     */
    @Test
    void aStartWithAnEmailTheStartFormsPatternRefusesIsA400NamingItAndOpensNoCase() throws Exception {
        long before = casesOpened();

        for (String operation : new String[] {"start", "submit-form"}) {
            HttpResponse<String> refused = http.postJson("/engine-rest/process-definition/key/SupportCase/"
                    + operation, "anna:anna", variables(with(startForm(), "customerEmail", "jane@example.org\u00a0")));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(json.readTree(refused.body()).path("errors").findValuesAsText("field")).as(operation)
                    .containsExactly("customerEmail");
            assertThat(json.readTree(refused.body()).path("message").asText())
                    .contains("Not started. Please correct: ", "(customerEmail) must match the pattern");
        }
        assertThat(casesOpened()).isEqualTo(before);
    }

    @Test
    void tasklistsRouteForTheStartFormTakesItsFieldsOnly() throws Exception {
        long before = casesOpened();
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");
        String path = "/camunda/api/engine/engine/default/process-definition/" + supportCaseDefinition()
                + "/submit-form";

        HttpResponse<String> refused = tasklist.send(tasklist.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(variables(with(startForm(), "plan2", "gold")))));
        assertRefusedNaming(refused, "plan2");
        assertThat(casesOpened()).isEqualTo(before);

        HttpResponse<String> opened = tasklist.send(tasklist.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(variables(startForm()))));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(casesOpened()).isEqualTo(before + 1);
    }

    @Test
    void aMessageStartIsNoWayPastTheStartForm() throws Exception {
        long before = casesOpened();
        String body = """
                {"messageName": "Message_CaseReceived", "processVariables": %s}"""
                .formatted(json.readTree(variables(with(startForm(), "owner", "anna"))).path("variables"));

        for (String path : new String[] {"/engine-rest/message", "/engine-rest/engine/default/message/",
                "/engine-rest/%6Dessage"}) {
            HttpResponse<String> response = http.postJson(path, "anna:anna", body);

            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(403);
        }
        assertThat(casesOpened()).isEqualTo(before);
    }

    @Test
    void anAdministratorMayStillStartWithMoreThanTheStartForm() throws Exception {
        HttpResponse<String> response = http.postJson("/engine-rest/process-definition/key/SupportCase/start",
                "demo:demo", variables(with(startForm(), "adminNote", "opened for a test")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(engine.getRuntimeService().getVariable(json.readTree(response.body()).path("id").asText(),
                "adminNote")).isEqualTo("opened for a test");
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
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.path("errors").findValuesAsText("field")).as(response.body()).containsExactly("body");
        assertThat(problem.path("errors").path(0).path("message").asText()).startsWith("is not valid JSON (line 1,");
        assertThat(problem.path("message").asText()).isEqualTo("Cannot complete task " + id + ": "
                + problem.path("detail").asText());
        assertThat(c.task("Task_ResolveProblem").getId()).isEqualTo(id);
    }

    /**
     * A {@code complete} that leaves out a note its step asks afresh reaches the engine with it given empty, in the
     * {@code variables} the engine reads (the last one), and with everything else it sent.
     */
    @Test
    void aCompleteIsHandedOnWithTheFreshNotesItLeavesOutGivenEmpty() throws Exception {
        java.util.List<String> fresh = java.util.List.of("expertName", "diagnosisOutcome");

        assertThat(json.readTree(FormFieldsOnly.givenEmpty(new byte[0], fresh))).isEqualTo(json.readTree("""
                {"variables": {"expertName": {"value": null}, "diagnosisOutcome": {"value": null}}}"""));
        assertThat(json.readTree(FormFieldsOnly.givenEmpty("""
                {"withVariablesInReturn": true, "variables": {"expertName": {"value": "Lea"}},
                 "variables": {"diagnosisOutcome": {"value": "solved"}}}""".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), fresh))).isEqualTo(json.readTree("""
                {"withVariablesInReturn": true,
                 "variables": {"diagnosisOutcome": {"value": "solved"}, "expertName": {"value": null}}}"""));
    }

    @Test
    void theNamesSentAreEveryNameOfEveryVariablesObjectAndNoNameWithinAValue() throws Exception {
        String body = """
                {"withVariablesInReturn": true, "variables": {"faultParty": {"value": "company"}},
                 "other": {"variables": {"notSent": {}}},
                 "variables": {"owner": {"value": {"plan": "x"}, "valueInfo": {"objectTypeName": "y"}}}}""";

        assertThat(FormFieldsOnly.sent(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).variables())
                .containsExactly("faultParty", "owner");
        assertThat(FormFieldsOnly.sent(new byte[0]).variables()).isEmpty();
        assertThat(FormFieldsOnly.sent("""
                {"businessKey": "x", "startInstructions": [], "skipCustomListeners": false, "caseInstanceId": null,
                 "withVariablesInReturn": true, "variables": {}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .startOptions()).isEmpty();
        assertThat(FormFieldsOnly.sent("""
                {"startInstructions": [{"variables": {"owner": {"value": "x"}}}, [1]], "skipIoMappings": true,
                 "variables": {"plan": {"value": "premium"}}}""".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(new FormFieldsOnly.Sent(java.util.Set.of("plan"),
                        java.util.Set.of("skipIoMappings", "startInstructions"), Map.of("plan", "premium")));
        assertThat(FormFieldsOnly.sent("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8)).variables()).isEmpty();
    }
}
