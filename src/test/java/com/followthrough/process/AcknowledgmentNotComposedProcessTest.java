package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.vocabulary.Processes;

/**
 * The acknowledgment is written in the step that opens the case (issue 16), so a message that cannot be composed must
 * not take the case down with it: the case opens, and the acknowledgment waits in a job of its own
 * (Task_AcknowledgeCustomerLater) that is retried, then left as an incident an operator sees, and sent once when it can be.
 */
@ProcessTest
class AcknowledgmentNotComposedProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;

    @Test
    void anAcknowledgmentThatCannotBeComposedStillOpensTheCaseAndIsRetriedVisiblyUntilItIsSentOnce() {
        // A variable the mail template reads, of a type it cannot use: what a start through /engine-rest may carry.
        Map<String, Object> start = new HashMap<>(CaseDriver.caseFromJane());
        start.put("reimbursementAmount", "not a number");

        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, start);

        String reference = instance.getBusinessKey();
        assertThat(instance).isStarted().hasPassed("Task_OpenCaseFile", "Task_FindLanguageTeam")
                .isWaitingAt("Task_AcknowledgeCustomerLater");
        assertThat(messages.ofCase(reference)).as("nothing recorded by the step that failed").isEmpty();
        Job retry = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_AcknowledgeCustomerLater").singleResult();
        assertThat(retry).isNotNull();

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(retry.getId()))
                    .hasStackTraceContaining("ClassCastException");
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
                .activityId("Task_AcknowledgeCustomerLater").count()).as("an incident on the opened case").isOne();
        assertThat(messages.ofCase(reference)).isEmpty();

        engine.getRuntimeService().removeVariable(instance.getId(), "reimbursementAmount");
        engine.getManagementService().setJobRetries(retry.getId(), 1);
        engine.getManagementService().executeJob(retry.getId());

        assertThat(instance).hasPassed("Task_AcknowledgeCustomerLater").isWaitingAt("Task_ListenToCustomer");
        List<CustomerMessage> sent = messages.ofCase(reference);
        assertThat(sent).extracting(CustomerMessage::kind).containsExactly(MessageKind.ACKNOWLEDGMENT);
        assertThat(sent.get(0).body()).contains("Jane Doe", reference);
        Task listen = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(listen.getTaskDefinitionKey()).isEqualTo("Task_ListenToCustomer");
        assertThat(listen.getDueDate()).isEqualTo((Date) engine.getRuntimeService().getVariable(instance.getId(), "firstResponseDueAt"));
        assertThat(timersOf(instance)).as("Listen's timers, as on the usual path")
                .contains("Event_FirstResponseDue", "Event_UpdateIntervalPassedWhileWaiting");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void anAcknowledgmentComposedAtTheOpeningLeavesNoJobBehind() {
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, CaseDriver.caseFromJane());

        assertThat(instance).hasPassed("Task_AcknowledgeCustomer").hasNotPassed("Task_AcknowledgeCustomerLater")
                .isWaitingAt("Task_ListenToCustomer");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).messages().count())
                .isZero();
        assertThat(messages.ofCase(instance.getBusinessKey())).extracting(CustomerMessage::kind)
                .containsExactly(MessageKind.ACKNOWLEDGMENT);
        assertThat(timersOf(instance)).contains("Event_FirstResponseDue", "Event_UpdateIntervalPassedWhileWaiting");
    }

    private List<String> timersOf(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list().stream()
                .map(timer -> engine.getManagementService().createJobDefinitionQuery()
                        .jobDefinitionId(timer.getJobDefinitionId()).singleResult().getActivityId())
                .toList();
    }
}
