package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.followthrough.vocabulary.Processes;

/** The app as a newcomer starts it: every model and form deployed, a case reaches the right team, REST closed. */
@FollowThroughSpringTest
class FollowThroughApplicationTest {

    @Autowired ProcessEngine engine;
    @LocalServerPort int port;

    @Test
    void everyModelAndFormFromTheDesignersFoldersIsDeployed() throws IOException {
        List<String> designerFiles;
        try (Stream<Path> processes = Files.list(Path.of("processes")); Stream<Path> forms = Files.list(Path.of("forms"))) {
            designerFiles = Stream.concat(processes, forms).map(path -> path.getFileName().toString()).toList();
        }
        var deployment = engine.getRepositoryService().createDeploymentQuery().orderByDeploymentTime().desc().list().get(0);
        List<String> deployed = engine.getRepositoryService().getDeploymentResources(deployment.getId()).stream()
                .map(Resource::getName).map(name -> name.substring(name.lastIndexOf('/') + 1)).toList();

        assertThat(deployed).containsExactlyInAnyOrderElementsOf(designerFiles);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list())
                .extracting(definition -> definition.getKey()).contains(Processes.SUPPORT_CASE, Processes.KEEP_PROMISE);
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().latestVersion().list())
                .extracting(definition -> definition.getKey()).contains("ServiceLevels", "TeamRouting", "Reimbursement");
    }

    @Test
    void caseStartedThroughTheJavaApiWaitsForTheGermanTeamToListen() {
        Map<String, Object> start = new HashMap<>(Map.of("customerName", "Erika Mustermann",
                "customerEmail", "erika@example.de", "customerPhone", "+49 30 555 0100", "plan", "standard",
                "language", "de", "channel", "phone", "priority", "high", "subject", "Router offline",
                "description", "Seit heute Morgen kein Internet."));
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, start);

        var listen = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(listen.getTaskDefinitionKey()).isEqualTo("Task_ListenToCustomer");
        assertThat(instance.getBusinessKey()).matches("SC-\\d{4}-\\d{6}");
        assertThat(engine.getTaskService().getIdentityLinksForTask(listen.getId()))
                .extracting(IdentityLink::getGroupId).containsExactly("agents-de");
        assertThat(engine.getTaskService().getVariable(listen.getId(), "caseReference")).isEqualTo(instance.getBusinessKey());
    }

    @Test
    void engineRestWithoutCredentialsAnswers401() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/process-definition")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
