package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Cases that run on the models from before "Keep the promise at risk" became a step of KeepPromise (450df5f), when it
 * was the case's, reached by the escalation "Promise at risk" out of the call activity. An upgrade leaves such cases on
 * their version, and the supervisors' step must still hand the late callback over. Not a {@link ProcessTest}: process
 * coverage measures the models in {@code processes/}, and these are the earlier ones
 * ({@code src/test/resources/earlier-models/before-the-step-moved}, copied from dea2d17). The last-chance call of
 * CustomerFeedback had a copy of the step of its own, reached the same way.
 */
@FollowThroughSpringTest
class PromiseAtRiskAfterAnUpgradeProcessTest {

    private static final String EARLIER = "earlier-models/before-the-step-moved/";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired JdbcClient jdbc;

    @RegisterExtension final ModelUpgrades upgrades = new ModelUpgrades();

    @Test
    void aPromiseMadeBeforeTheUpgradeBringsInTheSupervisorsInItsCaseAndTheTakeoverHandsTheCallbackOver() {
        upgrades.deploy(EARLIER + "support-case.bpmn", EARLIER + "keep-promise.bpmn");
        CaseDriver c = caseWithACallbackPromisedInThreeHours();
        upgrades.deploy("processes/support-case.bpmn", "processes/keep-promise.bpmn");

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        Task atRisk = c.task("Task_KeepPromiseAtRisk");
        assertThat(atRisk.getProcessInstanceId()).as("the case's step, as its version has it")
                .isEqualTo(c.instance.getId());
        assertThat(atRisk).hasCandidateGroup("supervisors");
        assertThat(c.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.BROKEN);

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Calling now"));

        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");
        assertThat(c.promises()).singleElement().extracting(Promise::takenOverBy).isEqualTo("maria");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisor brought in")
                .isEqualTo(1);
        c.callBack("Task_CallCustomerBack", "reachedSolved");
        assertThat(c.task("Task_ResolveProblem")).as("the takeover was the callback's; the case stays anna's")
                .isAssignedTo("anna");
    }

    @Test
    void aCaseOpenedBeforeTheUpgradePromisesOnTheNewKeepPromiseWhichHoldsTheStep() {
        upgrades.deploy(EARLIER + "support-case.bpmn");
        CaseDriver c = caseWithACallbackPromisedInThreeHours();

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        Task atRisk = c.task("Task_KeepPromiseAtRisk");
        assertThat(atRisk.getProcessInstanceId()).as("the promise's step, not the case's as well")
                .isNotEqualTo(c.instance.getId());
        CaseDriver.joins(engine, "liam", "Liam", "Byrne", "agents-en");
        try {
            c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "colleague", "colleague", "liam",
                    "supervisorAction", "Liam calls Jane now"));
        } finally {
            engine.getIdentityService().deleteUser("liam");
        }

        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("liam");
        assertThat(c.promises()).singleElement().extracting(Promise::takenOverBy).isEqualTo("maria");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisor brought in")
                .isEqualTo(1);
        assertThat(c.instance).hasNotPassed("Event_PromiseAtRisk");
    }

    @Test
    void aLastChancePromiseMadeBeforeTheUpgradeBringsInTheSupervisorsInItsFeedbackAndTheTakeoverHandsItOver() {
        upgrades.deploy(EARLIER + "support-case.bpmn", EARLIER + "keep-promise.bpmn",
                EARLIER + "customer-feedback.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .closeAfterABrokenPromise();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        upgrades.deploy("processes/support-case.bpmn", "processes/keep-promise.bpmn",
                "processes/customer-feedback.bpmn");
        int escalationsBefore = c.caseFact(jdbc, "supervisor_escalations");

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        Task atRisk = c.task("Task_KeepLastChancePromiseAtRisk");
        String feedback = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(c.reference).processDefinitionKey(Processes.CUSTOMER_FEEDBACK)
                .singleResult().getId();
        assertThat(atRisk.getProcessInstanceId()).as("the last-chance call's step, as its version has it")
                .isEqualTo(feedback);
        assertThat(atRisk).hasCandidateGroup("supervisors");
        assertThat(c.promises()).last().extracting(Promise::status).isEqualTo(Promise.Status.BROKEN);
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisors brought in")
                .isEqualTo(escalationsBefore + 1);
        CaseDriver.joins(engine, "liam", "Liam", "Byrne", "agents-en");
        try {
            c.complete("Task_KeepLastChancePromiseAtRisk", "maria", Map.of("takeover", "colleague", "colleague",
                    "liam", "supervisorAction", "Liam calls Jane now"));
        } finally {
            engine.getIdentityService().deleteUser("liam");
        }

        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("liam");
        assertThat(c.promises()).last().extracting(Promise::takenOverBy).isEqualTo("maria");
    }

    private CaseDriver caseWithACallbackPromisedInThreeHours() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
    }
}
