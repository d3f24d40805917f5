package com.followthrough.process;

import static com.followthrough.communication.MessageKind.MESSAGE_RECEIVED;
import static com.followthrough.communication.MessageKind.MESSAGE_REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * Issue 15, items 2 and 5: every customer message starts a next-reply target from the plan (the service levels'
 * {@code nextReplyTarget}, in the plan's working time) that the customer is told and the owner's task is due at;
 * at 75% of a target the task falls due for follow-up and shows in "About to breach"; an escalation that would
 * wake a supervisor at night waits for the team's hours unless the plan is open around the clock.
 */
@ProcessTest
class NextReplyProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired FilterService filterService;
    @Autowired IdentityService identityService;
    @Autowired CaseDeadlines deadlines;

    private CaseDriver opened(Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    private static Date berlin(String localDateTime) {
        return Date.from(CaseDriver.berlin(localDateTime));
    }

    @Test
    void aCustomerMessageIsDueAtTheNextReplyTargetWhichTheCustomerIsToldAndTheOwnersTaskCarries() {
        // Premium, normal, email: next reply within PT4H of the premium team's working time (Mon-Sat 08:00-20:00).
        CaseDriver c = opened(Map.of()).listen("anna", Map.of()).timeIs(berlin("2026-11-23T10:00"))
                .customerWrites("The overdraft fee is now 30 EUR");

        assertThat(c.variableNow("nextReplyTarget")).isEqualTo("PT4H");
        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("anna").hasDueDate(berlin("2026-11-23T14:00"));
        assertThat(c.timerDueDate("Event_AnswerDue")).isEqualTo(berlin("2026-11-23T14:00"));
        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_RECEIVED).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("will answer you by Monday, 23 November 2026, 14:00 CET at the latest");
    }

    @Test
    void aMessageLateOnSaturdayIsDueInTheNextWorkingHoursNotOvernight() {
        CaseDriver c = opened(Map.of()).listen("anna", Map.of()).timeIs(berlin("2026-11-28T18:00"))
                .customerWrites("Still nothing?");

        // Two working hours left on Saturday, two more from Monday 08:00 (Sunday is closed for premium).
        assertThat(c.task("Task_AnswerCustomerMessage")).hasDueDate(berlin("2026-11-30T10:00"));
    }

    @Test
    void atThreeQuartersOfTheNextReplyTargetTheAnswerShowsInAboutToBreachForItsOwnerAndTheSupervisors() {
        CaseDriver c = opened(Map.of()).listen("anna", Map.of()).timeIs(berlin("2026-11-23T10:00"))
                .customerWrites("The overdraft fee is now 30 EUR");
        Task answer = c.task("Task_AnswerCustomerMessage");

        assertThat(answer.getFollowUpDate()).isEqualTo(berlin("2026-11-23T13:00"));
        assertThat(answer.getDescription()).contains("Follow up from");

        c.timeIs(berlin("2026-11-23T12:59"));
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH, "anna")).doesNotContain(answer.getId());
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH_ALL, "maria")).doesNotContain(answer.getId());

        c.timeIs(berlin("2026-11-23T13:01"));
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH, "anna")).contains(answer.getId());
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH_ALL, "maria")).contains(answer.getId());
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH, "jonas")).as("not his task").doesNotContain(answer.getId());

        c.timeIs(berlin("2026-11-23T14:01"));
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH, "anna")).as("breached: overdue, no longer about to")
                .doesNotContain(answer.getId());

        c.timerFires("Event_AnswerDue");
        assertThat(c.instance).isWaitingAt("Task_AnswerCustomerMessageAsSupervisor", "Task_AnswerCustomerMessage");
        c.complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "The fee will be refunded too."));
        assertThat(c.messagesSent()).contains(MESSAGE_REPLY);
    }

    @Test
    void overAWeekendTheWarningComesAtThreeQuartersOfTheWorkingTimeNotOfTheWeekend() {
        ClockUtil.setCurrentTime(berlin("2026-11-20T16:00"));
        CaseDriver c = opened(Map.of("plan", "standard", "priority", "high"));

        Task listen = c.task("Task_ListenToCustomer");
        assertThat(listen.getDueDate()).as("PT4H: one hour on Friday, three on Monday")
                .isEqualTo(berlin("2026-11-23T12:00"));
        assertThat(listen.getFollowUpDate()).as("about to breach with one working hour left, not from Monday's opening")
                .isEqualTo(berlin("2026-11-23T11:00"));
    }

    @Test
    void theFirstResponseAndResolutionStepsWarnAtThreeQuartersOfTheirTargets() {
        // Premium, normal, email: first response within PT4H (09:00 → 13:00), resolution within P3D.
        CaseDriver c = opened(Map.of());

        assertThat(c.task("Task_ListenToCustomer").getFollowUpDate()).isEqualTo(berlin("2026-11-23T12:00"));

        c.listen("anna", Map.of());
        Task diagnose = c.task("Task_DiagnoseProblem");
        Date resolutionDue = (Date) c.variable("resolutionDueAt");
        assertThat(diagnose.getDueDate()).isEqualTo(resolutionDue).isEqualTo(berlin("2026-11-26T09:00"));
        assertThat(diagnose.getFollowUpDate()).as("27 of the 36 working hours to Thursday 09:00, not Wednesday 03:00")
                .isEqualTo(berlin("2026-11-25T12:00"));
    }

    /**
     * A reopened case gets a fresh resolution target counted from the reopening (docs/agents.md), so the warning of
     * its steps is three quarters of the way from the reopening, not from the day the case was first opened.
     */
    @Test
    void aReopenedCaseWarnsAtThreeQuartersOfItsFreshResolutionTargetCountedFromTheReopening() {
        // Premium, normal, email: resolution within P3D, 36 hours of Mon-Sat 08:00-20:00. Opened Monday 09:00.
        CaseDriver c = opened(Map.of()).listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .timeIs(berlin("2026-11-27T10:00")).customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"));

        Task diagnose = c.task("Task_DiagnoseProblem");
        assertThat(diagnose.getDueDate()).as("36 working hours from Friday 10:00: 10 + 12 on Saturday + 12 + 2")
                .isEqualTo(berlin("2026-12-01T10:00"));
        assertThat(diagnose.getFollowUpDate()).as("27 of those 36 hours: Friday 10, Saturday 12, Monday 5")
                .isEqualTo(berlin("2026-11-30T13:00"));

        c.timeIs(berlin("2026-11-28T13:00"));
        assertThat(tasksIn(TasklistFilters.ABOUT_TO_BREACH, "anna")).as("a day after the reopening, far from due")
                .doesNotContain(diagnose.getId());
    }

    @Test
    void onAnEnterpriseCaseOpenAroundTheClockAnAnswerDueAt23EscalatesAt23() {
        // Enterprise, normal, email: next reply within PT2H, counted around the clock.
        CaseDriver c = opened(Map.of("plan", "enterprise")).listen("anna", Map.of())
                .timeIs(berlin("2026-11-24T21:00")).customerWrites("Are you still there?");

        assertThat(c.task("Task_AnswerCustomerMessage")).hasDueDate(berlin("2026-11-24T23:00"));
        assertThat(c.timerDueDate("Event_AnswerDue")).isEqualTo(berlin("2026-11-24T23:00"));

        c.timeIs(berlin("2026-11-24T23:00")).timerFires("Event_AnswerDue");
        assertThat(c.task("Task_AnswerCustomerMessageAsSupervisor")).hasCandidateGroup("supervisors");
    }

    @Test
    void onAStandardCaseABreachAt23EscalatesAt9OnTheNextWorkingDay() {
        assertThat(deadlines.escalationAt(berlin("2026-11-24T23:00"), "standard")).isEqualTo(berlin("2026-11-25T09:00"));
        assertThat(deadlines.escalationAt(berlin("2026-11-27T23:00"), "standard")).as("Friday night: Monday")
                .isEqualTo(berlin("2026-11-30T09:00"));
        assertThat(deadlines.escalationAt(berlin("2026-12-24T23:00"), "standard")).as("over Christmas")
                .isEqualTo(berlin("2026-12-28T09:00"));
        assertThat(deadlines.escalationAt(berlin("2026-11-24T17:00"), "standard")).as("the closing minute is in hours")
                .isEqualTo(berlin("2026-11-24T17:00"));
        assertThat(deadlines.escalationAt(berlin("2026-11-24T23:00"), "enterprise")).isEqualTo(berlin("2026-11-24T23:00"));
    }

    @Test
    void aStandardAnswerDueAtClosingTimeEscalatesThenNotTheNextMorning() {
        // Standard, normal, email: next reply within PT8H of 09:00-17:00, so a message at 09:00 is due at 17:00.
        CaseDriver c = opened(Map.of("plan", "standard")).listen("anna", Map.of()).customerWrites("Any news?");

        assertThat(c.task("Task_AnswerCustomerMessage")).hasDueDate(berlin("2026-11-23T17:00"));
        assertThat(c.timerDueDate("Event_AnswerDue")).isEqualTo(berlin("2026-11-23T17:00"));
    }

    @Test
    void aCaseStartedBeforeTheNextReplyTargetAnswersWithinItsFirstResponseTarget() {
        // A case on an older model version: the service levels gave it no nextReplyTarget.
        CaseDriver c = opened(Map.of()).listen("anna", Map.of());
        engine.getRuntimeService().removeVariable(c.instance.getId(), "nextReplyTarget");

        c.timeIs(berlin("2026-11-23T10:00")).customerWrites("Any news?");

        assertThat(c.variableNow("firstResponseTarget")).isEqualTo("PT4H");
        assertThat(c.task("Task_AnswerCustomerMessage")).hasDueDate(berlin("2026-11-23T14:00"));
    }

    private List<String> tasksIn(String filterName, String userId) {
        String filterId = filterService.createFilterQuery().filterName(filterName).singleResult().getId();
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        identityService.setAuthentication(userId, groups);
        try {
            return filterService.<Task>list(filterId).stream().map(Task::getId).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
