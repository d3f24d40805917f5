package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/**
 * A page of Camunda's REST API is asked with {@code firstResult} and {@code maxResults}, whole numbers from 0: a
 * negative or non-numeric one is the caller's mistake, answered {@code 400} with a problem detail naming it, not a
 * {@code 500} that says the server failed.
 */
@FollowThroughSpringTest
class EngineRestPagingTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    EngineRestPagingTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task?maxResults=-5", "/engine-rest/task?firstResult=-1",
            "/engine-rest/history/process-instance?maxResults=-1", "/engine-rest/process-instance?firstResult=-10",
            "/engine-rest/task?maxResults=ten"})
    void aPageThatIsNoneIsTheCallersMistake(String path) throws Exception {
        HttpResponse<String> response = http.get(path, "demo:demo");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        String parameter = path.substring(path.indexOf('?') + 1, path.indexOf('='));
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(parameter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task?maxResults=0", "/engine-rest/task?firstResult=0&maxResults=5",
            "/engine-rest/task"})
    void aPageStillAnswers(String path) throws Exception {
        assertThat(http.get(path, "demo:demo").statusCode()).isEqualTo(200);
    }
}
