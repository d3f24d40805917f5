package com.followthrough;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A user's calls to a task of the running test app as a REST client or Tasklist sends them: JSON posted to
 * {@code /engine-rest/task/{id}/{action}} with the user's login ({@code "anna:anna"}), or to Tasklist's API in a
 * signed-in Tasklist session; and what the app answered, read as JSON (a refusal's problem details).
 */
public final class TaskRest {

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    public TaskRest(int port) {
        this.http = new AppHttp(port);
    }

    /** The app's HTTP calls, for what is not a task's action. */
    public AppHttp http() {
        return http;
    }

    /** {@code POST /engine-rest/task/{taskId}/{action}} with {@code body}, as {@code credentials}. */
    public HttpResponse<String> post(String taskId, String action, String credentials, String body)
            throws IOException, InterruptedException {
        return http.postJson("/engine-rest/task/" + taskId + "/" + action, credentials, body);
    }

    /** {@code user} signed in to Tasklist, as its login page signs in. */
    public AppHttp.WebappSession signInToTasklist(String user) throws IOException, InterruptedException {
        return http.signIn("tasklist", user);
    }

    /** The same action sent from a signed-in Tasklist, as Tasklist's own page sends it. */
    public HttpResponse<String> post(AppHttp.WebappSession tasklist, String taskId, String action, String body)
            throws IOException, InterruptedException {
        return tasklist.postJson("/camunda/api/engine/engine/default/task/" + taskId + "/" + action, body);
    }

    /** Form values as a task's {@code complete} and {@code submit-form} take them: {@code {"variables": ...}}. */
    public String variables(Map<String, Object> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, Map.of("value", value)));
        return asJson(Map.of("variables", typed));
    }

    /** A request body: {@code value} written as JSON. */
    public String asJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the app answered, read as JSON. */
    public JsonNode json(HttpResponse<String> response) throws JsonProcessingException {
        return json.readTree(response.body());
    }

    /** The {@code message} of what the app answered: what Tasklist shows of a refusal. */
    public String message(HttpResponse<String> response) throws JsonProcessingException {
        return json(response).path("message").asText();
    }
}
