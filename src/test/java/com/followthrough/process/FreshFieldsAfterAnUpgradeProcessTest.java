package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.SupervisorAction;

/**
 * Promises made on a KeepPromise from while the models named the listener {@code ${freshFields}} on the steps that ask
 * a note afresh ({@code src/test/resources/earlier-models/while-models-named-fresh-fields}, copied from 0f5f1ea). The
 * plugin now gives every listed step the listener, whatever its model says, so such a step runs it twice: the note
 * must still open empty, and what is submitted become the case's once, recorded once. Not a {@link ProcessTest}:
 * process coverage measures the models in {@code processes/}.
 */
@FollowThroughSpringTest
class FreshFieldsAfterAnUpgradeProcessTest {

    private static final String EARLIER = "earlier-models/while-models-named-fresh-fields/";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    @RegisterExtension final ModelUpgrades upgrades = new ModelUpgrades();

    @Test
    void aStepWhoseModelNamesTheListenerAsksTheNoteAfreshAndRecordsItOnce() {
        upgrades.deploy(EARLIER + "keep-promise.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        engine.getRuntimeService().setVariable(c.instance.getId(), "supervisorAction", "An earlier supervisor's note");
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        Task atRisk = c.task("Task_KeepPromiseAtRisk");
        assertThat(engine.getRepositoryService().getBpmnModelInstance(atRisk.getProcessDefinitionId())
                .getModelElementById("Task_KeepPromiseAtRisk").getChildElementsByType(ExtensionElements.class)
                .iterator().next().getChildElementsByType(CamundaTaskListener.class).stream()
                .map(CamundaTaskListener::getCamundaDelegateExpression))
                .as("the step of the earlier model, which names the listener").contains("${freshFields}");
        assertThat(engine.getFormService().getTaskFormVariables(atRisk.getId())
                .getValue("supervisorAction", String.class)).as("the note opens empty").isNullOrEmpty();
        engine.getTaskService().claim(atRisk.getId(), "maria");
        engine.getFormService().submitTaskForm(atRisk.getId(),
                Map.of("takeover", "myself", "supervisorAction", "Calling Jane now"));
        c.runAsyncSteps();

        assertThat(c.variableNow("supervisorAction")).isEqualTo("Calling Jane now");
        assertThat(SupervisorAction.of((String) c.variableNow("supervisorActions")))
                .extracting(SupervisorAction::note).as("the earlier note first, then this step's, once")
                .containsExactly("An earlier supervisor's note", "Calling Jane now");
    }
}
