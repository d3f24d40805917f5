package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

    /**
     * The acknowledgment goes out after its incident was resolved, when the first-response time has passed: it must not
     * promise that passed time ("will contact you in person by 13:00" at 14:00). As a message before anyone listened
     * says then: the team leads see to it (Give the customer a first response, from Event_FirstResponseDue, which
     * fires once Listen exists), and the customer hears from us by the next update, the cycle on Listen keeps.
     */
    @Test
    void aLateAcknowledgmentPromisesNoPassedTimeButTheTeamLeadsAndTheNextUpdate() {
        ProcessInstance instance = acknowledgedLateAt("en", CaseDriver.berlin("2026-11-23T14:00"));

        assertThat(onlyMessage(instance)).doesNotContain("13:00")
                .contains("we have not contacted you in person yet", "our team leads see to it",
                        "You will hear from us again by Monday, 23 November 2026, 18:00 CET at the latest");
        timersDueFire(instance);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey("Task_GiveFirstResponse").taskCandidateGroup("supervisors").count()).isOne();
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-11-23T18:00")));
        timersDueFire(instance);
        assertThat(messages.ofCase(instance.getBusinessKey())).filteredOn(m -> m.kind() == MessageKind.PROGRESS_UPDATE)
                .extracting(CustomerMessage::createdAt).contains(CaseDriver.berlin("2026-11-23T18:00"));
    }

    @Test
    void aLateAcknowledgmentInGermanSaysTheSame() {
        ProcessInstance instance = acknowledgedLateAt("de", CaseDriver.berlin("2026-11-23T14:00"));

        assertThat(onlyMessage(instance)).doesNotContain("13:00")
                .contains("haben wir uns noch nicht persönlich bei Ihnen gemeldet", "unsere Teamleitung sorgt dafür",
                        "Sie hören spätestens am Montag, 23. November 2026, 18:00 Uhr MEZ wieder von uns");
    }

    @Test
    void anAcknowledgmentRetriedBeforeTheFirstResponseTimeStillGivesThatTime() {
        ProcessInstance instance = acknowledgedLateAt("en", CaseDriver.berlin("2026-11-23T10:00"));

        assertThat(onlyMessage(instance))
                .contains("will contact you in person by Monday, 23 November 2026, 13:00 CET at the latest")
                .doesNotContain("our team leads");
    }

    /** A case whose acknowledgment could not be composed at the opening (09:00), sent by its job at {@code sentAt}. */
    private ProcessInstance acknowledgedLateAt(String language, Instant sentAt) {
        Map<String, Object> start = new HashMap<>(CaseDriver.caseFromJane());
        start.put("language", language);
        start.put("reimbursementAmount", "not a number");
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, start);
        Job retry = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId("Task_AcknowledgeCustomerLater").singleResult();
        engine.getRuntimeService().removeVariable(instance.getId(), "reimbursementAmount");
        ClockUtil.setCurrentTime(Date.from(sentAt));
        engine.getManagementService().executeJob(retry.getId());
        assertThat(instance).hasPassed("Task_AcknowledgeCustomerLater").isWaitingAt("Task_ListenToCustomer");
        return instance;
    }

    private String onlyMessage(ProcessInstance instance) {
        List<CustomerMessage> sent = messages.ofCase(instance.getBusinessKey());
        assertThat(sent).extracting(CustomerMessage::kind).containsExactly(MessageKind.ACKNOWLEDGMENT);
        return sent.get(0).body();
    }

    private void timersDueFire(ProcessInstance instance) {
        for (int round = 0; round < 5; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
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
