package com.followthrough.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.followthrough.FollowThroughApplication;

/**
 * A start with neither the demo nor the production profile, on a new database: the first administrator comes from the
 * environment, as in production, or the app does not start. Camunda Admin lets whoever comes first create the first
 * administrator while the engine has none, so a start without one left that door open to anyone who reached the app.
 */
class FirstAdministratorIT {

    @Test
    void withoutAProfileTheAppDoesNotStartWithoutItsFirstAdministrator() {
        assertThatThrownBy(() -> start(environment()).close()).hasStackTraceContaining("FOLLOW_THROUGH_ADMIN_USER");
    }

    @Test
    void withoutAProfileTheFirstAdministratorComesFromTheEnvironmentAndAdminHasNoSetupToOffer() {
        Map<String, Object> environment = environment();
        environment.put("FOLLOW_THROUGH_ADMIN_USER", "operator");
        environment.put("FOLLOW_THROUGH_ADMIN_PASSWORD", "correct-horse-battery-staple");

        try (ConfigurableApplicationContext app = start(environment)) {
            ProcessEngine engine = app.getBean(ProcessEngine.class);

            assertThat(engine.getIdentityService().checkPassword("operator", "correct-horse-battery-staple")).isTrue();
            assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list())
                    .as("an administrator exists, so Camunda Admin's setup (which creates the first one) is closed")
                    .extracting(user -> user.getId()).containsExactly("operator");
        }
    }

    private static Map<String, Object> environment() {
        Map<String, Object> environment = new HashMap<>();
        environment.put("spring.datasource.url", "jdbc:h2:mem:no-profile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        environment.put("server.port", "0");
        // Camunda's webapps hold their application in static state, one per JVM, which the shared test context owns.
        environment.put("camunda.bpm.webapp.enabled", "false");
        // An engine of its own name, so it never stands in for the shared test context's engine in this JVM.
        environment.put("camunda.bpm.process-engine-name", "no-profile-" + UUID.randomUUID().toString().substring(0, 8));
        return environment;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> environment) {
        return new SpringApplicationBuilder(FollowThroughApplication.class).run(environment.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }
}
