package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;

/**
 * A field a form shows but does not let a person change ({@code readonly}: form-js shows it and submits the value it
 * was given) takes no other value over REST either: a completion that changes it is refused with {@code 400} naming
 * it, and nothing changes; the value the case holds may be sent back, as Tasklist sends it. A {@code disabled} field,
 * which form-js does not submit at all, takes no value. No form of ours has either today: the form here is a fixture.
 */
@FollowThroughSpringTest
class ReadonlyFieldsOverRestTest {

    private static final String FORM = """
            {"id": "readonly-probe", "type": "default", "components": [
              {"type": "textfield", "key": "caseNote", "label": "Note"},
              {"type": "textfield", "key": "quotedReference", "label": "Reference", "readonly": true},
              {"type": "number", "key": "quotedCost", "label": "Cost", "readonly": true},
              {"type": "textfield", "key": "lockedWhenSet", "label": "Locked", "readonly": "=quotedCost > 0"},
              {"type": "textfield", "key": "internalCode", "label": "Code", "disabled": true}
            ]}""";

    @Autowired ProcessEngine engine;

    private final TaskRest rest;
    private String deployment;
    private String grant;
    private Task task;

    ReadonlyFieldsOverRestTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    void aTaskWithReadonlyFields() {
        deployment = engine.getRepositoryService().createDeployment().name("readonly-probe")
                .addString("readonly-probe.form", FORM)
                .addModelInstance("readonly-probe.bpmn", Bpmn.createExecutableProcess("ReadonlyProbe")
                        .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Probe")
                        .camundaFormRef("readonly-probe").camundaFormRefBinding("latest")
                        .camundaCandidateGroups("agents").endEvent().done())
                .deploy().getId();
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("ReadonlyProbe",
                Map.of("quotedReference", "SC-2026-000001", "quotedCost", 250L, "internalCode", "A1"));
        task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        engine.getTaskService().claim(task.getId(), "anna");
        // An agent reads the processes of her tasks, as she reads SupportCase's.
        Authorization read = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        read.setUserId("anna");
        read.setResource(Resources.PROCESS_DEFINITION);
        read.setResourceId("ReadonlyProbe");
        read.addPermission(Permissions.READ);
        grant = engine.getAuthorizationService().saveAuthorization(read).getId();
    }

    @AfterEach
    void removeIt() {
        engine.getAuthorizationService().deleteAuthorization(grant);
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void aNewValueForAReadonlyFieldIsRefusedNamingItAndChangesNothing() throws Exception {
        HttpResponse<String> response = complete("""
                {"caseNote": {"value": "called"}, "quotedReference": {"value": "SC-2026-999999"},
                 "quotedCost": {"value": 0}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = rest.json(response);
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("quotedCost", "quotedReference");
        assertThat(problem.path("errors").findValuesAsText("message")).allSatisfy(
                message -> assertThat(message).contains("read-only on the task's form"));
        assertThat(problem.path("message").asText()).startsWith("Cannot complete task " + task.getId());
        assertUnchanged();
    }

    /** form-js evaluates a {@code readonly} expression on what is entered: here, while the cost is above 0. */
    @Test
    void aFieldReadonlyByAnExpressionIsRefusedWhileItHolds() throws Exception {
        HttpResponse<String> response = complete("""
                {"quotedCost": {"value": 250}, "lockedWhenSet": {"value": "changed"}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(rest.json(response).path("errors").findValuesAsText("message"))
                .containsExactly("is read-only on the task's form (readonly: =quotedCost > 0), and takes no value but"
                        + " the one it shows");
        assertUnchanged();
    }

    @Test
    void aValueForADisabledFieldIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> response = complete("{\"internalCode\": {\"value\": \"B2\"}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(rest.json(response).path("errors").findValuesAsText("field"))
                .containsExactly("internalCode");
        assertUnchanged();
    }

    @Test
    void theReadonlyValuesSentBackAsTasklistSendsThemAreAccepted() throws Exception {
        HttpResponse<String> response = complete("""
                {"caseNote": {"value": "called"}, "quotedReference": {"value": "SC-2026-000001"},
                 "quotedCost": {"value": 250}, "lockedWhenSet": {"value": null}}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    private HttpResponse<String> complete(String variables) throws Exception {
        return rest.post(task.getId(), "complete", "anna:anna", "{\"variables\": " + variables + "}");
    }

    private void assertUnchanged() {
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
        Map<String, Object> held = engine.getTaskService().getVariables(task.getId());
        assertThat(held).containsEntry("quotedReference", "SC-2026-000001").containsEntry("quotedCost", 250L)
                .containsEntry("internalCode", "A1").doesNotContainKeys("caseNote", "lockedWhenSet");
    }
}
