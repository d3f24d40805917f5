package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
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
 * Tasklist's engine API ({@code /camunda/api/engine}, a signed-in session) is Camunda's REST API too: what
 * {@link EngineRestRules} keeps to administrators on {@code /engine-rest} is kept to them there as well. An agent
 * signed in to Tasklist threw signals and escalations from her tasks, and could have opened a case by its start
 * message with any variables, past the start form.
 */
@FollowThroughSpringTest
class EngineRestRulesInTasklistTest {

    private static final String TASKLIST = "/camunda/api/engine/engine/default";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final AppHttp http;

    EngineRestRulesInTasklistTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/task/%s/bpmnError", "/task/%s/bpmnEscalation", "//task/%s//bpmnEscalation/"})
    void anAgentCannotSteerHerCasePastItsFormsFromTasklist(String operation) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = c.task("Task_ListenToCustomer").getId();

        HttpResponse<String> thrown = http.signIn("tasklist", "anna").postJson(TASKLIST + operation.formatted(listen),
                "{\"errorCode\": \"anything\", \"escalationCode\": \"anything\"}");

        assertThat(thrown.statusCode()).as(thrown.body()).isEqualTo(403);
        assertThat(thrown.body()).contains("\"message\":\"Only administrators throw BPMN errors or escalations");
        assertThat(engine.getTaskService().createTaskQuery().taskId(listen).count()).isEqualTo(1);
    }

    @Test
    void anAgentCannotOpenACaseByItsStartMessageFromTasklist() throws Exception {
        HttpResponse<String> started = http.signIn("tasklist", "anna").postJson(TASKLIST + "/message", """
                {"messageName": "Message_CaseReceived", "businessKey": "TASKLIST-PAST-THE-FORM",
                 "processVariables": {"customerName": {"value": "Jane Doe"}, "owner": {"value": "mallory"}}}""");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(403);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("TASKLIST-PAST-THE-FORM").count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signal", "/condition", "/engine/default/signal"})
    void anAgentCannotThrowSignalsOrEvaluateConditionsFromTasklist(String operation) throws Exception {
        String path = operation.startsWith("/engine/") ? "/camunda/api/engine" + operation : TASKLIST + operation;

        HttpResponse<String> thrown = http.signIn("tasklist", "anna").postJson(path,
                "{\"name\": \"anything\", \"variables\": {\"owner\": {\"value\": \"mallory\"}}}");

        assertThat(thrown.statusCode()).as(thrown.body()).isEqualTo(403);
        assertThat(thrown.body()).contains("Only administrators correlate messages");
    }

    @Test
    void anAdministratorSignedInToTasklistStillMay() throws Exception {
        HttpResponse<String> thrown = http.signIn("tasklist", "demo").postJson(TASKLIST + "/signal",
                "{\"name\": \"nothing waits for this\"}");

        assertThat(thrown.statusCode()).as(thrown.body()).isEqualTo(204);
    }
}
