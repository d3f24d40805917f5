package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.followthrough.vocabulary.Processes;

/**
 * docs/designers.md, "Deploying from Camunda Modeler": the app re-deploys at its start only the files that changed,
 * and a version a designer deployed from the Modeler stays the latest across restarts until its own file in
 * {@code processes/} changes. Two starts of the app on one database, with a form changed in between (an upgrade that
 * changes a form, not the diagram). An IT, in a JVM of its own: the engines it starts and stops beside the shared test
 * context left that context's REST API without its engine ("Process engine default not available").
 */
class RestartDeploysChangedFilesOnlyIT {

    private static final String START_FORM = "start-case.form";

    @Test
    void aChangedFormIsDeployedAloneAndTheModelersDiagramStaysTheLatest(@TempDir Path project) throws IOException {
        copy(Path.of("processes"), project.resolve("processes"));
        copy(Path.of("forms"), project.resolve("forms"));
        String database = "jdbc:h2:mem:restart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String modelersVersion;
        try (ConfigurableApplicationContext app = start(project, database)) {
            RepositoryService repository = app.getBean(ProcessEngine.class).getRepositoryService();
            String diagram = Files.readString(Path.of("processes/support-case.bpmn"))
                    .replace("Listen to ${customerName}", "Listen first to ${customerName}");
            modelersVersion = repository.createDeployment().name("support-case").source("Camunda Modeler")
                    .enableDuplicateFiltering(true).addString("support-case.bpmn", diagram).deploy().getId();
            assertThat(latestSupportCase(repository).getDeploymentId()).isEqualTo(modelersVersion);
        }
        Files.writeString(project.resolve("forms").resolve(START_FORM), "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (ConfigurableApplicationContext app = start(project, database)) {
            RepositoryService repository = app.getBean(ProcessEngine.class).getRepositoryService();
            Deployment atRestart = repository.createDeploymentQuery().orderByDeploymentTime().desc().list().get(0);
            assertThat(repository.getDeploymentResourceNames(atRestart.getId()))
                    .as("what the restart deployed").hasSize(1).allMatch(name -> name.endsWith(START_FORM));
            assertThat(latestSupportCase(repository).getDeploymentId())
                    .as("the designer's diagram stays the latest: support-case.bpmn did not change")
                    .isEqualTo(modelersVersion);
        }
    }

    private static ProcessDefinition latestSupportCase(RepositoryService repository) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(Processes.SUPPORT_CASE).latestVersion()
                .singleResult();
    }

    private static ConfigurableApplicationContext start(Path project, String database) {
        String files = project.toUri().toString();
        return new SpringApplicationBuilder(FollowThroughApplication.class).run(
                "--spring.datasource.url=" + database,
                "--camunda.bpm.deployment-resource-pattern[0]=" + files + "processes/*.bpmn",
                "--camunda.bpm.deployment-resource-pattern[1]=" + files + "processes/*.dmn",
                "--camunda.bpm.deployment-resource-pattern[2]=" + files + "forms/*.form",
                "--server.port=0",
                "--FOLLOW_THROUGH_ADMIN_USER=operator", "--FOLLOW_THROUGH_ADMIN_PASSWORD=correct-horse-battery-staple",
                // Camunda's webapps hold their application in static state, one per JVM (ProductionProfileIT).
                "--camunda.bpm.webapp.enabled=false",
                "--follow-through.mail.dispatcher.enabled=false",
                "--follow-through.workload.absence-start.enabled=false",
                "--camunda.bpm.process-engine-name=restart-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
