package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A body of Camunda's REST APIs whose JSON value is not of the type the field takes (a number for a date variable, a
 * word for {@code maxResults}, a text for an object) is the caller's mistake: {@code 400} naming the field and what it
 * takes, as our other {@code 400}s do. Camunda answered with the parser's words, which name its Java classes
 * ({@code com.fasterxml...}, {@code org.camunda...Dto}): how the server is built, not what to send.
 */
@FollowThroughSpringTest
class EngineRestBodyTypesTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final TaskRest rest;

    EngineRestBodyTypesTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/task/{task}/variables/x | {\"value\": 1, \"type\": \"Date\"} | value",
            "/task/{task}/variables/x | {\"value\": \"soon\", \"type\": \"Date\"} | value",
            "/task/{task}/variables | {\"modifications\": {\"x\": {\"value\": 1, \"type\": \"Date\"}}}"
                    + " | modifications.x.value",
            "/task/{task}/complete | {\"variables\": {\"x\": {\"value\": \"abc\", \"type\": \"Integer\"}}}"
                    + " | variables.x.value",
            "/task | {\"priority\": \"abc\"} | priority",
            "/task | {\"assigneeIn\": \"anna\"} | assigneeIn",
            "/task | {\"processVariables\": \"x\"} | processVariables",
            "/task | [1] | body",
            "/task | {\"priority\": | body",
            "/process-instance | {\"processInstanceIds\": {\"a\": 1}} | processInstanceIds",
            "/task/{task}/comment/create | {\"message\": {\"text\": \"hi\"}} | message"})
    void aValueOfTheWrongTypeIsAnsweredNamingTheFieldWithoutJavaClasses(String operation, String body, String field)
            throws Exception {
        String task = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .task("Task_ListenToCustomer").getId();
        String path = operation.replace("{task}", task);
        boolean put = path.endsWith("/variables/x");
        AppHttp http = rest.http();
        for (String api : new String[] {"/engine-rest", "/engine-rest/engine/default"}) {
            HttpResponse<String> answer = http.send(http.request(api + path, "demo:demo")
                    .header("Content-Type", "application/json")
                    .method(put ? "PUT" : "POST", java.net.http.HttpRequest.BodyPublishers.ofString(body)));
            assertNamesTheField(answer, field);
        }
        AppHttp.WebappSession tasklist = rest.signInToTasklist("demo");
        HttpResponse<String> inTasklist = tasklist.send(tasklist.request("/camunda/api/engine/engine/default" + path)
                .header("Content-Type", "application/json")
                .method(put ? "PUT" : "POST", java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertNamesTheField(inTasklist, field);
        assertThat(engine.getTaskService().getVariable(task, "x")).as("nothing set").isNull();
    }

    private void assertNamesTheField(HttpResponse<String> answer, String field) throws Exception {
        String where = answer.request().method() + " " + answer.request().uri().getPath() + ": " + answer.body();
        assertThat(answer.statusCode()).as(where).isEqualTo(400);
        assertThat(answer.body()).as(where).doesNotContainPattern("(?i)com\\.fasterxml|org\\.camunda|java\\.|Dto\\b"
                + "|jackson");
        JsonNode problem = rest.json(answer);
        assertThat(problem.path("title").asText()).as(where).isEqualTo("Invalid request");
        assertThat(problem.path("errors").findValuesAsText("field")).as(where).containsExactly(field);
        assertThat(problem.path("errors").path(0).path("message").asText()).as(where)
                .matches("must be .+|is not valid JSON \\(line 1, column \\d+\\)");
        assertThat(problem.path("message").asText()).as(where).isEqualTo(problem.path("detail").asText())
                .contains(field);
    }
}
