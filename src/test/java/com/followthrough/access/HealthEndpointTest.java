package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/** The load balancer's view of a node: alive, ready (database, engine), and nothing else of actuator exposed. */
@FollowThroughSpringTest
class HealthEndpointTest {

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();

    HealthEndpointTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void aRunningNodeIsAliveAndReadyWithItsDatabaseAndEngine() throws Exception {
        HttpResponse<String> liveness = http.get("/actuator/health/liveness", null);
        HttpResponse<String> readiness = http.get("/actuator/health/readiness", null);

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = json.readTree(readiness.body());
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("processEngine").path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").path("db").has("details")).as("no details for anonymous callers").isFalse();
    }

    @Test
    void actuatorShowsNothingButHealth() throws Exception {
        assertThat(http.get("/actuator/env", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/beans", "demo:demo").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/metrics", null).statusCode()).isEqualTo(404);
    }

    @Test
    void noMetricsOrObservationsAreCollectedForAnEndpointNobodyReads(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(MeterRegistry.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ObservationRegistry.class)).isEmpty();
    }
}
