package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * An administrator in Camunda Tasklist, in a real browser: finds the step the supervisors left undone past its window
 * in the "Administrator queue", and does it, while the supervisors' own task stays theirs.
 */
@FollowThroughSpringTest
class AdministratorInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void administratorFindsTheTraceTheSupervisorsLeftInTheAdministratorQueueAndChasesIt() {
        Map<String, Object> lena = new HashMap<>(CaseDriver.caseFromJane());
        lena.put("customerName", "Lena Vogt");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, lena)
                .listen("anna", Map.of("discountRequested", true));
        c.timeIs(c.task("Task_TraceDiscountOffer").getDueDate()).timerFires("Event_DiscountTraceOverdue");
        String chase = c.task("Task_TraceDiscountOfferNow").getId();
        String supervisors = c.task("Task_TraceDiscountOffer").getId();
        ClockUtil.reset();

        tasklist.logInAs("demo");
        assertThat(tasklist.filterNames()).contains(TasklistFilters.ADMINISTRATOR_QUEUE);
        tasklist.openFilter(TasklistFilters.ADMINISTRATOR_QUEUE).searchCase(c.reference);
        tasklist.taskCard(chase);
        assertThat(tasklist.hasTaskCard(supervisors)).as("the supervisors' task is in their queue, not this one")
                .isFalse();
        tasklist.screenshot("administrator-queue");

        tasklist.openTask("Trace the discount Lena Vogt asked for now — " + c.reference, chase).claim()
                .waitForText("Case " + c.reference).waitForText("have not traced who is offering it in time");
        tasklist.fill("What you did", "Asked Maria to trace it before noon.");
        tasklist.complete();

        assertThat(c.instance).hasPassed("EndEvent_DiscountTraceChased");
        assertThat(c.task("Task_TraceDiscountOffer").getId()).as("the trace stays the supervisors' to write")
                .isEqualTo(supervisors);
    }
}
