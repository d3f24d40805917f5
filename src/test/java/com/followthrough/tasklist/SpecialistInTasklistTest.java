package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/** A specialist in Camunda Tasklist, in a real browser: takes the diagnosis an agent could not make. */
@FollowThroughSpringTest
class SpecialistInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void specialistCompletesTheEscalatedDiagnosisAndTheCaseGoesBackToItsOwner() {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("customerName", "Ines Moreno");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, variables)
                .listen("anna", Map.of()).diagnose("specialistNeeded", "unknown");
        String diagnosis = c.task("Task_DiagnoseAsSpecialist").getId();
        assertThat(c.messagesSent()).as("Ines is told a specialist joins").contains(MessageKind.SPECIALIST_JOINING);

        tasklist.logInAs("sam");
        assertThat(tasklist.filterNames()).contains(TasklistFilters.SPECIALIST_QUEUE)
                .doesNotContain(TasklistFilters.TEAM_QUEUE, TasklistFilters.OVERDUE_PROMISES);
        tasklist.openFilter(TasklistFilters.SPECIALIST_QUEUE).searchCase(c.reference);
        tasklist.taskCard(diagnosis);
        tasklist.screenshot("specialist-queue");

        tasklist.openTask("Diagnose as a specialist: Invoice shows the wrong amount — " + c.reference, diagnosis).claim()
                .waitForText("Case " + c.reference).waitForText("Billing run charged twice");
        tasklist.fill("Your diagnosis", "The payment provider retried a timed-out debit; the retry was not idempotent.")
                .choose("Who is at fault?", "A third party (a partner, supplier or provider)")
                .choose("Where does the case stand?", "Solved — the customer's problem is fixed");
        tasklist.screenshot("specialist-diagnosis-form");
        tasklist.complete();

        assertThat(c.variable("specialistDiagnosis")).asString().contains("payment provider");
        assertThat(c.task("Task_ResolveProblem").getAssignee()).as("the owner resolves the case").isEqualTo("anna");
    }
}
