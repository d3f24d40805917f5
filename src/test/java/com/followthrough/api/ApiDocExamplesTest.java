package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsyncSteps;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/**
 * The answers docs/api.md shows an integrator, as the app gives them: status, content type and the words of the
 * problem detail a client reads.
 */
@FollowThroughSpringTest
class ApiDocExamplesTest {

    static final String PORTAL = "portal:portal";
    static final String CASE = """
            {"customer": {"name": "Jane Doe", "email": "jane@example.org", "phone": "+1 555 0100", "plan": "premium"},
             "language": "en", "channel": "email", "priority": "high",
             "subject": "Invoice shows the wrong amount",
             "description": "I was charged twice for November."}""";

    @Autowired ProcessEngine engine;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    ApiDocExamplesTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void anAnalystOpeningACaseIsNotAllowed() throws Exception {
        JsonNode problem = problem(http.postJson("/api/cases", "alex:alex", CASE), 403);

        assertThat(problem.path("title").asText()).isEqualTo("Not allowed");
        assertThat(problem.path("detail").asText()).isEqualTo("User 'alex' is not allowed to do this: The user with id"
                + " 'alex' does not have 'CREATE' permission on resource 'ProcessInstance'.");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/cases");
    }

    @Test
    void anUnknownCaseIsNotFound() throws Exception {
        JsonNode problem = problem(http.get("/api/cases/SC-2026-999999", PORTAL), 404);

        assertThat(problem.path("title").asText()).isEqualTo("Not found");
        assertThat(problem.path("detail").asText())
                .isEqualTo("There is no case SC-2026-999999 (or you may not see it).");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("reference");
        assertThat(problem.path("errors").path(0).path("message").asText()).isEqualTo("is no case you may see");
    }

    @Test
    void plainTextIsAnUnsupportedMediaType() throws Exception {
        String reference = open();
        JsonNode problem = problem(http.send(http.request("/api/cases/" + reference + "/messages", PORTAL)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi"))), 415);

        assertThat(problem.path("title").asText()).isEqualTo("Unsupported Media Type");
        assertThat(problem.path("detail").asText()).isEqualTo("Content-Type 'text/plain' is not supported.");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/cases/" + reference + "/messages");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("Content-Type");
        assertThat(problem.path("errors").path(0).path("message").asText())
                .isEqualTo("must be application/json, not 'text/plain'");
    }

    @Test
    void aCharsetNobodyKnowsIsAnUnsupportedMediaTypeNamingIt() throws Exception {
        String reference = open();
        JsonNode problem = problem(http.send(http.request("/api/cases/" + reference + "/messages", PORTAL)
                .header("Content-Type", "application/json; charset=latin-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"Hallo\"}"))), 415);

        assertThat(problem.path("title").asText()).isEqualTo("Unsupported Media Type");
        assertThat(problem.path("detail").asText()).isEqualTo("Content-Type declares the charset 'latin-42', which is"
                + " not known here: send the JSON in UTF-8 (or in a charset such as ISO-8859-1, windows-1252 or UTF-16,"
                + " and say so).");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/cases/" + reference + "/messages");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("Content-Type");
        assertThat(problem.path("errors").path(0).path("message").asText())
                .isEqualTo("declares the charset 'latin-42', which is not known: send UTF-8");
    }

    @Test
    void anUnknownPathIsNotFoundNamingThePath() throws Exception {
        JsonNode problem = problem(http.get("/api/casez", PORTAL), 404);

        assertThat(problem.path("title").asText()).isEqualTo("Not found");
        assertThat(problem.path("detail").asText())
                .isEqualTo("There is nothing at /api/casez; docs/api.md lists the endpoints.");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/casez");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("path");
        assertThat(problem.path("errors").path(0).path("message").asText())
                .isEqualTo("is no endpoint of this API: docs/api.md lists them");
    }

    @Test
    void badFieldsAreNamedEachInErrors() throws Exception {
        JsonNode problem = problem(http.postJson("/api/cases", PORTAL, """
                {"customer": {"name": "Jane Doe", "email": "jane.example.org", "plan": "premium"}, "language": "fr",
                 "channel": "email", "priority": "high", "subject": "Invoice", "description": "Charged twice."}"""), 400);

        assertThat(problem.path("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.path("detail").asText()).isEqualTo("customer.email is not an email address; customer.phone"
                + " is required; language must be one of [de, en], not 'fr'");
        assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactly("customer.email", "customer.phone", "language");
    }

    @Test
    void anIdempotencyKeyReusedNamesTheCaseItOpened() throws Exception {
        String key = "portal-doc-" + System.nanoTime();
        HttpResponse<String> first = http.send(http.request("/api/cases", PORTAL)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(CASE)));
        String reference = json.readTree(first.body()).path("reference").asText();

        JsonNode problem = problem(http.send(http.request("/api/cases", PORTAL)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(CASE.replace("premium", "standard")))), 409);

        assertThat(problem.path("title").asText()).isEqualTo("Idempotency key reused");
        assertThat(problem.path("detail").asText()).isEqualTo("Idempotency-Key '" + key + "' was already used for a"
                + " different request, which opened case " + reference + ". Use a new key for a new case.");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(problem.path("errors").path(0).path("message").asText())
                .isEqualTo("was already used for a different request, which opened case " + reference);
    }

    @Test
    void noSurveyForAnOpenCase() throws Exception {
        String reference = open();
        JsonNode problem = problem(http.postJson("/api/cases/" + reference + "/satisfaction", null,
                "{\"token\": \"abc\", \"rating\": 2}"), 404);

        assertThat(problem.path("detail").asText())
                .isEqualTo("There is no satisfaction survey for case " + reference + " with this link.");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("reference");
        assertThat(problem.path("errors").path(0).path("message").asText())
                .isEqualTo("is no case with a satisfaction survey");
    }

    @Test
    void aReopeningWithoutAReasonNamesTheField() throws Exception {
        String reference = open();
        JsonNode problem = problem(http.postJson("/api/cases/" + reference + "/reopening", PORTAL, "{}"), 400);

        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("reason");
    }

    @Test
    void withoutCredentialsEveryPathAsksForBasic() throws Exception {
        HttpResponse<String> answer = http.get("/api/cases/SC-2026-999999", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Follow-Through\"");
    }

    @Test
    void anAbsenceOfSomeoneWhoIsNotAnAgentIsNotFound() throws Exception {
        HttpResponse<String> answer = http.send(http.request("/api/agents/alex/absence", "maria:maria")
                .header("Content-Type", "application/json").method("PUT", HttpRequest.BodyPublishers.ofString(
                        "{\"from\": \"2040-01-02T09:00\", \"to\": \"2040-01-02T10:00\"}")));

        problem(answer, 404);
    }

    /**
     * A method HTTP does not define is refused as a known one the path does not answer (PATCH): 405, and {@code Allow}
     * names the methods the path answers, not the same "GET, POST" for every path.
     */
    @Test
    void aMadeUpMethodIsNotAllowedAndAllowNamesWhatThePathAnswers() throws Exception {
        String reference = open();
        for (String path : List.of("/api/cases", "/api/cases/" + reference, "/api/cases/" + reference + "/service-level",
                "/api/agents/anna/absence")) {
            HttpResponse<String> madeUp = http.send(http.request(path, "maria:maria")
                    .method("FROB", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> patch = http.send(http.request(path, "maria:maria")
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()));

            problem(madeUp, 405);
            problem(patch, 405);
            assertThat(allowed(madeUp)).as(path).isNotEmpty().isEqualTo(allowed(patch));
        }
    }

    /**
     * The examples in their order on the open case: a message and a call before anyone has listened go onto
     * Listen to the customer, whose due date the customer is promised; a confirmation and a reopening of a case that
     * is not resolved are messages to answer ({@code attached}).
     */
    @Test
    void theCaseFileOfTheExamplesBeforeAnyoneHasListened() throws Exception {
        String reference = open();
        String cases = "/api/cases/" + reference;
        http.postJson(cases + "/messages", PORTAL,
                "{\"text\": \"Any news? The bank charges me fees.\", \"channel\": \"web\"}");
        http.postJson(cases + "/calls", PORTAL, "{\"note\": \"Returning your call.\"}");
        HttpResponse<String> confirmation = http.send(http.request(cases + "/confirmation", PORTAL)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(confirmation.statusCode()).as(confirmation.body()).isEqualTo(202);
        assertThat(json.readTree(confirmation.body()).path("outcome").asText()).isEqualTo("attached");
        HttpResponse<String> reopening = http.postJson(cases + "/reopening", PORTAL,
                "{\"reason\": \"Still charged twice.\"}");
        assertThat(reopening.statusCode()).as(reopening.body()).isEqualTo(202);
        assertThat(json.readTree(reopening.body()).path("outcome").asText()).isEqualTo("attached");
        AsyncSteps.runFor(engine, reference);

        JsonNode file = json.readTree(http.get(cases, PORTAL).body());

        assertThat(file.path("currentSteps")).extracting(JsonNode::asText).containsExactly("Listen to the customer");
        assertThat(file.path("openTasks")).singleElement().satisfies(task -> {
            assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("Task_ListenToCustomer");
            assertThat(task.path("due").asText()).isEqualTo(file.at("/deadlines/firstResponseDueAt").asText());
            assertThat(task.path("followUp").isTextual()).isTrue();
        });
        assertThat(file.path("slaPaused").asBoolean()).isFalse();
        assertThat(file.path("messages").findValuesAsText("kind")).containsExactlyInAnyOrder("acknowledgment",
                "customerMessage", "customerMessage", "customerMessage", "customerMessage",
                "messageReceived", "messageReceived", "messageReceived", "messageReceived");
        assertThat(file.path("messages")).filteredOn(message -> message.path("kind").asText().equals("messageReceived"))
                .allSatisfy(received -> assertThat(received.path("body").asText())
                        .contains("will contact you in person by", "with this message in hand"));
    }

    private static Set<String> allowed(HttpResponse<String> answer) {
        return answer.headers().allValues("Allow").stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(method -> !method.isEmpty()).collect(Collectors.toSet());
    }

    private String open() throws Exception {
        HttpResponse<String> created = http.postJson("/api/cases", PORTAL, CASE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).path("reference").asText();
    }

    /** Camunda's REST API answers a value of the wrong type as ours do: naming the field, no Java class. */
    @Test
    void aVariableValueOfTheWrongTypeOverEngineRestNamesTheField() throws Exception {
        String reference = open();
        AsyncSteps.runFor(engine, reference);
        String task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult().getId();
        JsonNode problem = problem(http.send(http.request("/engine-rest/task/" + task + "/variables/x", "demo:demo")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\": 1, \"type\": \"Date\"}"))), 400);
        String takes = "must be a date like 2026-11-23T09:00:00.000+0100 (type Date), not '1'";

        assertThat(problem.path("title").asText()).isEqualTo("Invalid request");
        assertThat(problem.path("detail").asText()).isEqualTo("value " + takes);
        assertThat(problem.path("message").asText()).isEqualTo("value " + takes);
        assertThat(problem.path("instance").asText()).isEqualTo("/engine-rest/task/" + task + "/variables/x");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("value");
        assertThat(problem.path("errors").path(0).path("message").asText()).isEqualTo(takes);
        assertThat(engine.getTaskService().getVariable(task, "x")).isNull();
    }

    private JsonNode problem(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return json.readTree(answer.body());
    }
}
