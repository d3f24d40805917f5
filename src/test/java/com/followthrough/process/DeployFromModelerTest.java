package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.vocabulary.Processes;

/**
 * A designer deploys a changed diagram from Camunda Modeler ("Deploy" to {@code /engine-rest} with HTTP
 * Basic): the request the Modeler sends is accepted for designers and admins only, new cases start on
 * the new version, and cases already running stay on theirs.
 */
@FollowThroughSpringTest
class DeployFromModelerTest {

    private static final String DESIGNER = "dana:dana";
    private static final String ADMIN = "demo:demo";
    private static final String AGENT = "anna:anna";
    /** What agents see in Tasklist: the task's tasklistName, which designers edit in the Modeler's properties panel. */
    private static final String OLD_NAME = "value=\"Listen to ${customerName} — ${caseReference}\"";
    private static final String NEW_NAME = "value=\"Listen first to ${customerName} — ${caseReference}\"";

    @Autowired
    ProcessEngine engine;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private String modelerDeploymentId;

    DeployFromModelerTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void removeTheDesignersVersion() {
        if (modelerDeploymentId != null) {
            engine.getRepositoryService().deleteDeployment(modelerDeploymentId, true);
        }
    }

    @Test
    void aDesignerDeploysAChangedDiagramAndOnlyNewCasesUseIt() throws Exception {
        ProcessDefinition current = latestSupportCase();
        ProcessInstance runningCase = startCase();
        String changedDiagram = Files.readString(Path.of("processes/support-case.bpmn")).replace(OLD_NAME, NEW_NAME);
        assertThat(changedDiagram).contains(NEW_NAME);

        assertThat(http.get("/engine-rest/deployment?maxResults=0", DESIGNER).statusCode())
                .as("the Modeler's connection check").isEqualTo(200);
        HttpResponse<String> deployed = deployAsModeler(changedDiagram, DESIGNER);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        JsonNode deployment = json.readTree(deployed.body());
        modelerDeploymentId = deployment.path("id").asText();
        assertThat(deployment.path("source").asText()).isEqualTo("Camunda Modeler");
        JsonNode definitions = deployment.path("deployedProcessDefinitions");
        assertThat(definitions.size()).isOne();
        JsonNode newVersion = definitions.elements().next();
        assertThat(newVersion.path("key").asText()).isEqualTo(Processes.SUPPORT_CASE);
        assertThat(newVersion.path("version").asInt()).isEqualTo(current.getVersion() + 1);

        ProcessInstance newCase = startCase();
        assertThat(newCase.getProcessDefinitionId()).isEqualTo(newVersion.path("id").asText());
        assertThat(runningCase.getProcessDefinitionId()).isEqualTo(current.getId());
        assertThat(listenTaskName(newCase)).isEqualTo("Listen first to Jane Doe — " + newCase.getBusinessKey());
        assertThat(listenTaskName(runningCase)).isEqualTo("Listen to Jane Doe — " + runningCase.getBusinessKey());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(runningCase.getId())
                .singleResult().getProcessDefinitionId()).as("the running case stays on its version").isEqualTo(current.getId());

        HttpResponse<String> again = deployAsModeler(changedDiagram, ADMIN);
        assertThat(again.statusCode()).as("an admin may deploy too").isEqualTo(200);
        assertThat(latestSupportCase().getId()).as("an unchanged diagram deploys nothing new (deploy-changed-only)")
                .isEqualTo(newVersion.path("id").asText());
    }

    /**
     * The engine lets whoever made a deployment delete it, and with {@code cascade} every case running on it: a
     * designer taking her version back cancelled customers' cases, which nobody but an administrator does.
     */
    @Test
    void aDesignerDoesNotDeleteTheCasesRunningOnHerVersion() throws Exception {
        String changedDiagram = Files.readString(Path.of("processes/support-case.bpmn")).replace(OLD_NAME, NEW_NAME);
        HttpResponse<String> deployed = deployAsModeler(changedDiagram, DESIGNER);
        modelerDeploymentId = json.readTree(deployed.body()).path("id").asText();
        ProcessInstance caseOnHerVersion = startCase();

        HttpResponse<String> deleted = http.send(http.request("/engine-rest/deployment/" + modelerDeploymentId
                + "?cascade=true", DESIGNER).DELETE());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(403);
        assertThat(json.readTree(deleted.body()).path("message").asText())
                .contains("Only administrators delete a deployment with the cases running on it");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(caseOnHerVersion.getId())
                .count()).as("the case runs on").isOne();
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(modelerDeploymentId).count())
                .isOne();
    }

    /** A version no case runs on yet she may take back, as the engine allows whoever made it. */
    @Test
    void aDesignerTakesBackAVersionNoCaseRunsOn() throws Exception {
        String changedDiagram = Files.readString(Path.of("processes/support-case.bpmn")).replace(OLD_NAME, NEW_NAME);
        HttpResponse<String> deployed = deployAsModeler(changedDiagram, DESIGNER);
        String deploymentId = json.readTree(deployed.body()).path("id").asText();

        HttpResponse<String> deleted = http.send(http.request("/engine-rest/deployment/" + deploymentId, DESIGNER)
                .DELETE());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count()).isZero();
    }

    @Test
    void anAgentMayNotDeployAndAnonymousIsAskedToLogIn() throws Exception {
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();
        String changedDiagram = Files.readString(Path.of("processes/support-case.bpmn")).replace(OLD_NAME, NEW_NAME);

        assertThat(deployAsModeler(changedDiagram, AGENT).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = deployAsModeler(changedDiagram, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));

        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    }

    private ProcessInstance startCase() {
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, CaseDriver.caseFromJane());
        engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).list()
                .forEach(job -> engine.getManagementService().executeJob(job.getId()));
        return instance;
    }

    private String listenTaskName(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_ListenToCustomer").singleResult().getName();
    }

    private ProcessDefinition latestSupportCase() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .latestVersion().singleResult();
    }

    private HttpResponse<String> deployAsModeler(String diagram, String credentials) throws IOException, InterruptedException {
        return http.deployAsModeler(credentials, "support-case", Map.of("support-case.bpmn", diagram));
    }
}
