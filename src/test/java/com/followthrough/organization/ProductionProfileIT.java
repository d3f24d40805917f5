package com.followthrough.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughApplication;

/**
 * The production profile as an operator starts it, each time on a new in-memory database with the secrets handed in
 * as the environment would: it refuses anything of the demo and runs with a real administrator password, ready on its
 * own management port.
 */
class ProductionProfileIT {

    static final String STRONG_PASSWORD = "correct-horse-battery-staple";

    @Test
    void refusesToStartWithADemoUser() {
        assertRefused(environment("anna", STRONG_PASSWORD), "demo users exist: anna");
    }

    @Test
    void refusesToStartWithTheDemoAdministrator() {
        assertRefused(environment("demo", STRONG_PASSWORD), "demo users exist: demo");
    }

    @Test
    void refusesToStartWithADefaultAdministratorPassword() {
        assertRefused(environment("operator", "demo"), "FOLLOW_THROUGH_ADMIN_PASSWORD");
        assertRefused(environment("operatorwithalongname", "operatorwithalongname"), "FOLLOW_THROUGH_ADMIN_PASSWORD");
    }

    @Test
    void refusesToStartWithTheDemoProfileToo() {
        Map<String, Object> environment = environment("operator", STRONG_PASSWORD);
        assertThatThrownBy(() -> new SpringApplicationBuilder(FollowThroughApplication.class).profiles("production", "demo")
                .run(arguments(environment)).close())
                .hasStackTraceContaining("the demo profile is active too");
    }

    @Test
    void refusesToStartWithoutTheSecretsFromTheEnvironment() {
        Map<String, Object> environment = environment("operator", STRONG_PASSWORD);
        environment.remove("FOLLOW_THROUGH_DB_PASSWORD");

        assertRefused(environment, "spring.datasource.password is not set");
    }

    @Test
    void startsWithRealSecretsAndIsReadyOnItsManagementPortOnly() throws Exception {
        try (ConfigurableApplicationContext app = start(environment("operator", STRONG_PASSWORD))) {
            String appPort = app.getEnvironment().getProperty("local.server.port");
            String managementPort = app.getEnvironment().getProperty("local.management.port");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + managementPort + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            JsonNode components = new ObjectMapper().readTree(readiness.body()).path("components");
            assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");
            assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("health is not on the public port").isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/env"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    private static Map<String, Object> environment(String adminUser, String adminPassword) {
        Map<String, Object> environment = new HashMap<>();
        environment.put("FOLLOW_THROUGH_DB_URL", "jdbc:h2:mem:production-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        environment.put("FOLLOW_THROUGH_DB_USER", "followthrough");
        environment.put("FOLLOW_THROUGH_DB_PASSWORD", "db-" + UUID.randomUUID());
        environment.put("FOLLOW_THROUGH_ADMIN_USER", adminUser);
        environment.put("FOLLOW_THROUGH_ADMIN_PASSWORD", adminPassword);
        environment.put("FOLLOW_THROUGH_MANAGEMENT_PORT", "0");
        environment.put("server.port", "0");
        // Camunda's webapps hold their application in static state, one per JVM, which the shared test context owns.
        environment.put("camunda.bpm.webapp.enabled", "false");
        // An engine of its own name, so it never stands in for the shared test context's engine in this JVM.
        environment.put("camunda.bpm.process-engine-name", "production-" + UUID.randomUUID().toString().substring(0, 8));
        return environment;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> environment) {
        return new SpringApplicationBuilder(FollowThroughApplication.class).profiles("production")
                .run(arguments(environment));
    }

    /** As command-line arguments, which override application.yaml like the real environment does. */
    private static String[] arguments(Map<String, Object> environment) {
        return environment.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    private static void assertRefused(Map<String, Object> environment, String reason) {
        assertThatThrownBy(() -> start(environment).close()).hasStackTraceContaining(reason);
    }
}
