package com.followthrough.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.vocabulary.Processes;

/**
 * The demo history, generated once with 40 cases in the shared test context (which generates none at start-up). Every
 * assertion is about the generated cases only (by their references), since other tests leave cases of their own.
 */
@FollowThroughSpringTest
class DemoHistoryTest {

    private static final int CASES = 40;
    private static final int WEEKS = 6;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static DemoHistory.Generated generated;
    private static Instant generatedBefore;
    private static Instant generationStarted;

    @Autowired DemoHistory history;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;

    private DemoHistory.Generated generated() {
        synchronized (DemoHistoryTest.class) {
            if (generated == null) {
                generationStarted = Instant.now();
                generated = history.generateOnce(CASES, WEEKS, 20261123L).orElseThrow();
                generatedBefore = Instant.now();
            }
            return generated;
        }
    }

    private List<HistoricProcessInstance> cases() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .processInstanceBusinessKeyIn(generated().references().toArray(String[]::new)).list();
    }

    private Set<String> caseIds() {
        return cases().stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    }

    private Set<String> allInstanceIds() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKeyIn(generated().references().toArray(String[]::new)).list().stream()
                .map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    }

    private Set<String> instancesThatPassed(String activityId) {
        Set<String> ids = allInstanceIds();
        return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(activityId).list().stream()
                .map(HistoricActivityInstance::getProcessInstanceId).filter(ids::contains).collect(Collectors.toSet());
    }

    private Set<Object> valuesOf(String variable) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().variableName(variable)
                .processInstanceIdIn(allInstanceIds().toArray(String[]::new)).list().stream()
                .map(HistoricVariableInstance::getValue).collect(Collectors.toSet());
    }

    private List<String> column(String sql) {
        return jdbc.sql(sql).param("refs", generated().references()).query(String.class).list();
    }

    @Test
    void everyCaseIsPlayedThroughTheRealProcessAndTheClockIsBackToNow() {
        assertThat(generated().references()).hasSize(CASES).doesNotHaveDuplicates();
        assertThat(generated().failed()).isZero();
        assertThat(cases()).hasSize(CASES);
        assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), Instant.now()).abs())
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void everyWayACaseCanGoIsInTheHistory() {
        for (String activity : List.of("Task_DiagnoseAsSpecialist", "Task_KeepPromiseAtRisk",
                "Gateway_CallHandedOver",
                "Task_LeaveVoicemail", "Event_RetryWaitOver", "Event_CustomerCalledIn", "Task_CallCustomerAgain",
                "Task_GiveFirstResponse", "Event_CaseReopened", "Task_AnswerCustomerMessage", "Event_ResolutionConfirmed",
                "Event_QuietPeriodOver", "Task_SendProgressUpdate", "Task_TraceDiscountOffer", "Task_CallForALastChance",
                "Event_SurveyAnswered", "Event_SurveyWindowOver")) {
            assertThat(instancesThatPassed(activity)).as("generated cases that passed %s", activity).isNotEmpty();
        }
        Set<String> solvedAtFirstContact = instancesThatPassed("Task_ResolveProblem");
        solvedAtFirstContact.removeAll(instancesThatPassed("CallActivity_KeepPromise"));
        solvedAtFirstContact.removeAll(instancesThatPassed("Task_DiagnoseAsSpecialist"));
        assertThat(solvedAtFirstContact).as("solved at first contact").isNotEmpty();
    }

    @Test
    void someCasesAreClosedAndSomeStillOpenAtEveryStage() {
        List<HistoricProcessInstance> cases = cases();
        long closed = cases.stream().filter(c -> c.getEndTime() != null).count();
        assertThat(closed).isGreaterThan(CASES / 2);
        assertThat(CASES - closed).isPositive().isEqualTo(generated().open());
        assertThat(engine.getRuntimeService().createIncidentQuery().list())
                .noneMatch(incident -> caseIds().contains(incident.getProcessInstanceId()));
    }

    @Test
    void theCasesAreSpreadOverThePastWeeksMostlyInOfficeHours() {
        List<Instant> opened = cases().stream().map(c -> c.getStartTime().toInstant()).toList();
        assertThat(opened).allMatch(at -> at.isBefore(generatedBefore));
        Set<Long> weeksAgo = opened.stream().map(at -> Duration.between(at, generatedBefore).toDays() / 7)
                .collect(Collectors.toSet());
        assertThat(weeksAgo).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(opened).allMatch(at -> {
            ZonedDateTime local = at.atZone(BERLIN);
            return local.getHour() >= 8 && local.getHour() < 18;
        });
    }

    @Test
    void customersAreVariedInBothLanguagesAndOnEveryPlanAndTheTeamWorksThem() {
        assertThat(valuesOf("language")).containsExactlyInAnyOrder("en", "de");
        assertThat(valuesOf("plan")).containsExactlyInAnyOrder("standard", "premium", "enterprise");
        assertThat(valuesOf("customerName")).hasSizeGreaterThan(30);
        Set<String> assignees = new HashSet<>();
        engine.getHistoryService().createHistoricTaskInstanceQuery().finished().list().stream()
                .filter(task -> allInstanceIds().contains(task.getProcessInstanceId()))
                .forEach(task -> assignees.add(task.getAssignee()));
        assertThat(assignees).contains("anna", "jonas", "sam", "maria");
    }

    @Test
    void promisesAreKeptAndBrokenAndOneIsCancelledWithItsCase() {
        assertThat(column("SELECT DISTINCT status FROM ft_promise WHERE case_reference IN (:refs)"))
                .contains("KEPT", "BROKEN", "CANCELLED");
    }

    /** Every outcome of a closed case docs/analysts.md lists, so the demo's "Closed cases" shows one of each. */
    @Test
    void everyOutcomeAnAnalystReadsHappens() {
        assertThat(column("SELECT DISTINCT outcome FROM ft_case_fact WHERE case_reference IN (:refs)"
                + " AND outcome IS NOT NULL")).containsExactlyInAnyOrder("solvedAtFirstContact", "solvedAfterCallback",
                "solvedBySpecialist", "solvedAfterReopening", "closedWithoutAnswer", "confirmedByCustomer",
                "cancelled");
    }

    @Test
    void everyReimbursementOutcomeHappens() {
        assertThat(valuesOf("approvalDecision")).contains("approve", "decline");
        assertThat(instancesThatPassed("Event_ApprovalOverdue")).as("approval overdue").isNotEmpty();
        Set<String> withinAuthority = instancesThatPassed("Task_OfferReimbursement");
        withinAuthority.removeAll(instancesThatPassed("Task_ApproveReimbursement"));
        assertThat(withinAuthority).as("offered within the agent's authority").isNotEmpty();
        assertThat(instancesThatPassed("EndEvent_ReimbursementDeclined")).isNotEmpty();
    }

    @Test
    void customersRateUsFromOneToFiveAndLastChancesEndEveryWay() {
        assertThat(column("SELECT DISTINCT CAST(rating AS VARCHAR(2)) FROM ft_feedback WHERE case_reference IN (:refs) AND rating IS NOT NULL"))
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5");
        assertThat(column("SELECT DISTINCT last_chance_outcome FROM ft_feedback WHERE case_reference IN (:refs) AND last_chance_outcome IS NOT NULL"))
                .containsExactlyInAnyOrder("stays", "leaves", "noAnswer");
    }

    @Test
    void theSupervisorFindsTodaysWorkInTasklistAPromiseAtRiskAnApprovalAndALastChance() {
        List<Task> waiting = engine.getTaskService().createTaskQuery().taskCandidateGroup("supervisors").taskUnassigned()
                .processInstanceBusinessKeyIn(generated().references().toArray(String[]::new)).list();

        assertThat(waiting).extracting(Task::getTaskDefinitionKey)
                .contains("Task_KeepPromiseAtRisk", "Task_ApproveReimbursement", "Task_CallForALastChance");
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(generationStarted, BERLIN);
        assertThat(waiting).filteredOn(task -> task.getTaskDefinitionKey().equals("Task_KeepPromiseAtRisk"))
                .as("a promise at risk, due on the day the history was generated").anySatisfy(task -> assertThat(
                        LocalDate.ofInstant(task.getDueDate().toInstant(), BERLIN)).isEqualTo(today));
        assertThat(waiting).filteredOn(task -> List.of("Task_ApproveReimbursement", "Task_CallForALastChance")
                        .contains(task.getTaskDefinitionKey()))
                .as("the approval and the last chance, not overdue yet (they would have gone to the administrators)")
                .allSatisfy(task -> assertThat(task.getDueDate().toInstant()).isAfter(now));
    }

    @Test
    void aSecondRunGeneratesNothing() {
        generated();
        long cases = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE).count();

        assertThat(history.generateOnce(CASES, WEEKS, 20261123L)).isEmpty();

        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE).count())
                .isEqualTo(cases);
    }
}
