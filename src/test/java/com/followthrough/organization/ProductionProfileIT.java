package com.followthrough.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
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

    /**
     * Every task the models create is offered to a group of the contract (the language teams, specialists,
     * supervisors, administrators). In production nothing of the demo exists, but the groups, what each may do and the
     * Tasklist filters must: an operator who adds a person to {@code supervisors} in Admin gives her the supervisors'
     * work, and nobody has to rebuild the demo's grants and filters by hand before anyone can see a task.
     */
    @Test
    void theOrganizationIsThereWithoutThePeopleOfTheDemo() {
        try (ConfigurableApplicationContext app = start(environment("operator", STRONG_PASSWORD))) {
            ProcessEngine engine = app.getBean(ProcessEngine.class);
            IdentityService identity = engine.getIdentityService();
            assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("operator");
            assertThat(identity.createGroupQuery().list()).extracting(Group::getId).contains(SupportGroups.AGENTS,
                    SupportGroups.AGENTS_EN, SupportGroups.AGENTS_DE, SupportGroups.SPECIALISTS,
                    SupportGroups.SUPERVISORS, SupportGroups.ANALYSTS, SupportGroups.INTEGRATIONS,
                    SupportGroups.CAMUNDA_ADMIN);

            // The operator adds a supervisor and an English agent in Admin.
            person(identity, "sofia", SupportGroups.SUPERVISORS);
            person(identity, "liam", SupportGroups.AGENTS, SupportGroups.AGENTS_EN);
            Task late = engine.getTaskService().newTask();
            late.setName("A supervisors' step");
            engine.getTaskService().saveTask(late);
            engine.getTaskService().addCandidateGroup(late.getId(), SupportGroups.SUPERVISORS);

            assertThat(tasksIn(engine, TasklistFilters.SUPERVISOR_QUEUE, "sofia", SupportGroups.SUPERVISORS))
                    .contains(late.getId());
            assertThat(engine.getAuthorizationService().isUserAuthorized("sofia", List.of(SupportGroups.SUPERVISORS),
                    Permissions.ACCESS, Resources.APPLICATION, "tasklist")).as("sofia may open Tasklist").isTrue();
            assertThat(engine.getAuthorizationService().isUserAuthorized("liam",
                    List.of(SupportGroups.AGENTS, SupportGroups.AGENTS_EN), Permissions.CREATE_INSTANCE,
                    Resources.PROCESS_DEFINITION, "SupportCase")).as("liam may open a case").isTrue();
            assertThat(engine.getAuthorizationService().isUserAuthorized("liam",
                    List.of(SupportGroups.AGENTS, SupportGroups.AGENTS_EN), Permissions.READ, Resources.FILTER,
                    filter(engine, TasklistFilters.TEAM_QUEUE).getId())).as("liam sees his team's queue").isTrue();
            assertThat(engine.getAuthorizationService().isUserAuthorized("dora", List.of(SupportGroups.DESIGNERS),
                    Permissions.CREATE, Resources.DEPLOYMENT, Authorization.ANY))
                    .as("no Modeler deploy in production").isFalse();
            // docs/security.md: models reach production through the delivery pipeline, a user in deployment-pipeline.
            assertThat(identity.createGroupQuery().groupId("deployment-pipeline").count())
                    .as("the operator finds the pipeline's group in Admin").isEqualTo(1);
            assertThat(engine.getAuthorizationService().isUserAuthorized("ci", List.of("deployment-pipeline"),
                    Permissions.CREATE, Resources.DEPLOYMENT, Authorization.ANY))
                    .as("the pipeline may deploy").isTrue();
        }
    }

    /**
     * docs/operations.md (PostgreSQL): an operator tries the database with a start without a profile, where designers
     * deploy from the Modeler, then starts the production profile on it, where they do not (docs/security.md).
     */
    @Test
    void designersLoseTheModelersDeployOfAnEarlierStartWithoutTheProfile() {
        Map<String, Object> environment = environment("operator", STRONG_PASSWORD);
        Map<String, Object> trial = new HashMap<>(environment);
        trial.put("spring.datasource.url", environment.get("FOLLOW_THROUGH_DB_URL"));
        trial.put("spring.datasource.username", environment.get("FOLLOW_THROUGH_DB_USER"));
        trial.put("spring.datasource.password", environment.get("FOLLOW_THROUGH_DB_PASSWORD"));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FollowThroughApplication.class)
                .run(arguments(trial))) {
            assertThat(designersMayDeploy(app)).as("designers deploy from the Modeler without the profile").isTrue();
        }
        try (ConfigurableApplicationContext app = start(environment)) {
            assertThat(designersMayDeploy(app)).as("no Modeler deploy in production").isFalse();
        }
    }

    private static boolean designersMayDeploy(ConfigurableApplicationContext app) {
        return app.getBean(ProcessEngine.class).getAuthorizationService().isUserAuthorized("dora",
                List.of(SupportGroups.DESIGNERS), Permissions.CREATE, Resources.DEPLOYMENT, Authorization.ANY);
    }

    private static void person(IdentityService identity, String id, String... groups) {
        User user = identity.newUser(id);
        user.setPassword("a-long-password-1");
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(id, group);
        }
    }

    private static Filter filter(ProcessEngine engine, String name) {
        Filter filter = engine.getFilterService().createFilterQuery().filterName(name).singleResult();
        assertThat(filter).as("filter " + name).isNotNull();
        return filter;
    }

    private static List<String> tasksIn(ProcessEngine engine, String filterName, String user, String... groups) {
        Filter filter = filter(engine, filterName);
        engine.getIdentityService().setAuthentication(user, List.of(groups));
        try {
            return engine.getFilterService().<Task>list(filter.getId()).stream().map(Task::getId).toList();
        } finally {
            engine.getIdentityService().clearAuthentication();
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
        // What customers are told (ProductionStartupCheckTest): a mail server (no message goes out in these starts),
        // the number to call, the sender and the survey link.
        environment.put("spring.mail.host", "127.0.0.1");
        environment.put("follow-through.support.phone-number", "+49 89 555 0100");
        environment.put("follow-through.mail.from", "support@acme.de");
        environment.put("follow-through.feedback.survey-url",
                "https://support.acme.de/survey.html?case={reference}&token={token}&lang={language}");
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
