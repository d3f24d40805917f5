package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/**
 * The engine's usage metrics and its history cleanup are the administrators' (Admin → System → Execution metrics):
 * Camunda answered them to anyone signed in, also to {@code portal}, an outside system: how many cases were opened
 * and how many people worked tasks, per month and per quarter hour, with the address of the node that counted them;
 * and the cleanup's job, its failure and its schedule. Everyone else now gets {@code 403} with a problem body, on
 * {@code /engine-rest} and the webapps' APIs; administrators read them as before ({@link AuthorizationMatrixTest} has
 * the whole table).
 */
@FollowThroughSpringTest
class AdministratorsSystemApisTest {

    private static final String AGGREGATED = "/camunda/api/admin/plugin/adminPlugins/default/metrics/aggregated"
            + "?subscriptionStartDate=2026-01-01&groupBy=month&metrics=process-instances,task-users";

    @Autowired ProcessEngine engine;

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();

    AdministratorsSystemApisTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @ParameterizedTest
    @CsvSource({"anna, /metrics", "portal, /metrics", "maria, /metrics/process-instances/sum",
            "alex, /metrics/task-users/sum", "dana, /engine/default/metrics", "sam, /history/cleanup/jobs",
            "portal, /history/cleanup/configuration", "anna, /history/cleanup/jobs/"})
    void onlyAdministratorsReadUsageMetricsAndTheHistoryCleanup(String user, String path) throws Exception {
        engine.getManagementService().reportDbMetricsNow();

        HttpResponse<String> read = http.get("/engine-rest" + path, user + ":" + user);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
        assertThat(problem(read).path("message").asText()).contains("administrators");
        assertThat(read.body()).doesNotContain("reporter").doesNotContain("\"result\"");
    }

    /** Admin's Execution metrics page, and the engine API it reads, for a session of Tasklist or Cockpit. */
    @ParameterizedTest
    @CsvSource({"anna, tasklist", "maria, cockpit", "alex, cockpit", "dana, cockpit"})
    void aWebappSessionOtherThanAnAdministratorsReadsNoUsageMetrics(String user, String app) throws Exception {
        engine.getManagementService().reportDbMetricsNow();
        AppHttp.WebappSession session = http.signIn(app, user);

        HttpResponse<String> aggregated = session.send(session.request(AGGREGATED).GET());
        HttpResponse<String> sum = session.send(session.request(
                "/camunda/api/engine/engine/default/metrics/process-instances/sum").GET());

        assertThat(aggregated.statusCode()).as(aggregated.body()).isEqualTo(403);
        assertThat(problem(aggregated).path("message").asText()).contains("administrators");
        assertThat(sum.statusCode()).as(sum.body()).isEqualTo(403);
    }

    /** Admin's Execution metrics page still reads the counts of each month, and the engine's sums, for the admin. */
    @Test
    void anAdministratorStillReadsTheUsageMetricsInAdmin() throws Exception {
        engine.getManagementService().reportDbMetricsNow();
        AppHttp.WebappSession admin = http.signIn("admin", "demo");

        HttpResponse<String> aggregated = admin.send(admin.request(AGGREGATED).GET());
        HttpResponse<String> sum = admin.send(admin.request(
                "/camunda/api/engine/engine/default/metrics/process-instances/sum").GET());
        HttpResponse<String> cleanup = http.get("/engine-rest/history/cleanup/configuration", "demo:demo");

        assertThat(aggregated.statusCode()).as(aggregated.body()).isEqualTo(200);
        assertThat(problem(aggregated).findValuesAsText("metric")).contains("process-instances");
        assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
        assertThat(problem(sum).path("result").isNumber()).isTrue();
        assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);
        assertThat(problem(cleanup).has("batchWindowStartTime")).isTrue();
    }

    private JsonNode problem(HttpResponse<String> answer) throws Exception {
        return json.readTree(answer.body());
    }
}
