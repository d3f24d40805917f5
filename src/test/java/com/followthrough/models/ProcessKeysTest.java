package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

import com.followthrough.vocabulary.Processes;

/** The process keys and task ids the code starts and finds instances by are ids in the models. */
class ProcessKeysTest {

    @Test
    void everyProcessKeyTheCodeNamesIsAProcessOfTheModels() throws IOException {
        List<String> modelled;
        try (Stream<Path> models = Files.list(ProjectCopy.PROJECT.resolve("processes"))) {
            modelled = models.filter(model -> model.toString().endsWith(".bpmn"))
                    .flatMap(model -> Bpmn.readModelFromFile(model.toFile())
                            .getModelElementsByType(Process.class).stream())
                    .map(Process::getId).toList();
        }
        assertThat(modelled).containsExactlyInAnyOrder(Processes.SUPPORT_CASE, Processes.KEEP_PROMISE,
                Processes.CUSTOMER_FEEDBACK);
    }

    @Test
    void theCallbackTasksAreTheUserTasksOfKeepPromiseThatTheOwnerIsAssigned() {
        List<String> assignedToTheOwner = Bpmn.readModelFromFile(
                        ProjectCopy.PROJECT.resolve("processes/keep-promise.bpmn").toFile())
                .getModelElementsByType(UserTask.class).stream()
                .filter(task -> "${owner}".equals(task.getCamundaAssignee()))
                .map(UserTask::getId).toList();
        assertThat(Processes.CALLBACK_TASKS).containsExactlyInAnyOrderElementsOf(assignedToTheOwner);
    }

    @Test
    void theStepOfAPromiseAtRiskIsAUserTaskOfKeepPromiseForTheSupervisors() {
        UserTask atRisk = Bpmn.readModelFromFile(ProjectCopy.PROJECT.resolve("processes/keep-promise.bpmn").toFile())
                .getModelElementById(Processes.KEEP_PROMISE_AT_RISK);
        assertThat(atRisk.getCamundaCandidateGroups()).as("the administrators for a supervisor's own late call")
                .isEqualTo("${execution.getVariable('callbackHeldBySupervisor') == true ? 'camunda-admin'"
                        + " : 'supervisors'}");
        assertThat(atRisk.getCamundaFormRef()).isEqualTo(Processes.KEEP_PROMISE_AT_RISK_FORM);
    }
}
