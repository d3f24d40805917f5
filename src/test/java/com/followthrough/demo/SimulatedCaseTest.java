package com.followthrough.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.SupportProperties;
import com.followthrough.demo.DemoStory.AfterResolution;
import com.followthrough.demo.DemoStory.ForTheSupervisor;
import com.followthrough.demo.DemoStory.LastChance;
import com.followthrough.demo.DemoStory.Path;
import com.followthrough.demo.DemoStory.Reimbursement;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;
import com.followthrough.vocabulary.Processes;

/** One demo story played through the real processes, for what the history it leaves must hold. */
@FollowThroughSpringTest
class SimulatedCaseTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired CaseServices services;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    /**
     * The demo records a payment the way Tasklist would: on a day the reimbursement was decided or after it, in the
     * support team's zone. An enterprise caller's case, worked at once just after midnight in Berlin (still the day
     * before in UTC), is decided and paid on Tuesday; a UTC day would record Monday, before it was decided, which
     * "Arrange the reimbursement" refuses.
     */
    @Test
    void aReimbursementDecidedJustAfterMidnightIsRecordedAsPaidOnThatDayInTheSupportZone() {
        Instant opened = LocalDateTime.parse("2026-11-24T00:02").atZone(BERLIN).toInstant();
        DemoCustomer caller = new DemoCustomer("Nora Night", "nora.night@example.com", "+49 30 555 0199",
                Plan.ENTERPRISE.id(), Language.EN.id(), Channel.PHONE.id(), Priority.NORMAL.id(),
                DemoProblem.ENGLISH.get(0));
        // A case for the supervisor's today: every step follows within minutes, so it is resolved before 01:00.
        DemoStory story = new DemoStory(opened, caller, Path.SOLVED_AT_FIRST_CONTACT, false, false,
                AfterResolution.CONFIRMS, Reimbursement.WITHIN_AUTHORITY, false, "company", 15.0, null,
                LastChance.STAYS, ForTheSupervisor.LAST_CHANCE, null);

        String reference = new SimulatedCase(services, story, new Random(7), opened.plus(Duration.ofHours(2))).play();

        String caseId = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).processInstanceBusinessKey(reference).singleResult()
                .getId();
        List<Object> paidOn = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(caseId).variableName("paidOn").list().stream()
                .map(HistoricVariableInstance::getValue).toList();
        assertThat(paidOn).as("the reimbursement of %s was paid", reference).isNotEmpty().containsOnly("2026-11-24");
    }

    /**
     * A callback the demo promises is rounded to a quarter hour after the time drawn: a time drawn at 18:50 on a
     * Tuesday was promised for 19:00, a quarter hour past the team's working hours (08:00 to 19:00), so nobody would
     * have been there to call. Near closing it rounds down, and stays in the hours.
     */
    @Test
    void aCallbackTimeNearClosingIsRoundedDownIntoTheWorkingHours() {
        assertThat(quarterHour("2026-11-24T18:50")).isEqualTo("2026-11-24T18:45");
        assertThat(quarterHour("2026-11-28T18:45")).as("a Saturday").isEqualTo("2026-11-28T18:45");
        assertThat(quarterHour("2026-11-24T10:05")).as("in the day it rounds up").isEqualTo("2026-11-24T10:15");
        assertThat(quarterHour("2026-11-24T02:05")).as("an enterprise case's night").isEqualTo("2026-11-24T02:15");
    }

    /**
     * The stories of a customer who never answers the owner's question, and of one who comes back after the work
     * stopped only to confirm it is solved, and of a duplicate cancelled in Cockpit: each closes with its own outcome.
     */
    @Test
    void aCustomerWhoNeverAnswersOneWhoOnlyConfirmsAndADuplicateCloseWithTheirOutcomes() {
        Instant opened = LocalDateTime.parse("2026-11-24T10:00").atZone(BERLIN).toInstant();
        DemoCustomer writer = new DemoCustomer("Quinn Quiet", "quinn.quiet@example.com", "+1 555 0143",
                Plan.STANDARD.id(), Language.EN.id(), Channel.EMAIL.id(), Priority.NORMAL.id(),
                DemoProblem.ENGLISH.get(0));
        List<String> outcomes = new ArrayList<>();
        for (var kind : List.of(List.of(Path.NO_ANSWER_FROM_CUSTOMER, AfterResolution.STAYS_QUIET),
                List.of(Path.NO_ANSWER_FROM_CUSTOMER, AfterResolution.CONFIRMS),
                List.of(Path.CANCELLED_AS_DUPLICATE, AfterResolution.CONFIRMS))) {
            DemoStory story = new DemoStory(opened, writer, (Path) kind.get(0), false, false,
                    (AfterResolution) kind.get(1), Reimbursement.NONE, false, "unknown", 0, null, LastChance.STAYS,
                    ForTheSupervisor.NOTHING, null);
            String reference = new SimulatedCase(services, story, new Random(3), opened.plus(Duration.ofDays(40)))
                    .play();
            outcomes.add(jdbc.sql("SELECT outcome FROM ft_case_fact WHERE case_reference = ?").param(reference)
                    .query(String.class).optional().orElse(null));
        }

        assertThat(outcomes).containsExactly("closedWithoutAnswer", "confirmedByCustomer", "cancelled");
    }

    private static String quarterHour(String localTime) {
        Instant at = LocalDateTime.parse(localTime).atZone(BERLIN).toInstant();
        return SimulatedCase.quarterHour(at, BERLIN).atZone(BERLIN).toLocalDateTime().toString();
    }

    /**
     * With the support team in New York (follow-through.support.time-zone), the callbacks the demo promises fall in
     * that team's working hours (Monday to Saturday, 08:00 to 19:00 there), as the promise confirmation names them in
     * that zone: the demo used to keep Berlin's hours and promised calls at 02:15 in New York.
     */
    @Test
    void inAnotherSupportZoneTheCallbacksPromisedAreInThatTeamsWorkingHours() {
        ZoneId newYork = ZoneId.of("America/New_York");
        SupportProperties settings = services.settings();
        CaseServices inNewYork = new CaseServices(services.engine(), services.intake(), services.inbox(),
                services.surveyAnswers(), services.messages(), services.people(), new SupportProperties(
                new SupportProperties.Support(newYork, settings.support().phoneNumber()), settings.cases(),
                settings.callback(), settings.reimbursement(), settings.calendars()));
        Instant opened = LocalDateTime.parse("2026-11-24T10:00").atZone(newYork).toInstant();
        DemoCustomer writer = new DemoCustomer("Wendy Writer", "wendy.writer@example.com", "+1 555 0142",
                Plan.STANDARD.id(), Language.EN.id(), Channel.EMAIL.id(), Priority.NORMAL.id(),
                DemoProblem.ENGLISH.get(0));
        List<ZonedDateTime> promised = new ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            DemoStory story = new DemoStory(opened, writer, Path.CALLBACK_KEPT, false, false, AfterResolution.CONFIRMS,
                    Reimbursement.NONE, false, "unknown", 0, null, LastChance.STAYS, ForTheSupervisor.NOTHING, null);
            String reference = new SimulatedCase(inNewYork, story, new Random(seed),
                    opened.plus(Duration.ofDays(3))).play();
            String[] instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(reference).list().stream().map(HistoricProcessInstance::getId)
                    .toArray(String[]::new);
            engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
                    .variableName("callbackDueAt").list().forEach(due -> promised.add(
                            ((Date) due.getValue()).toInstant().atZone(newYork)));
        }

        assertThat(promised).isNotEmpty().allSatisfy(due -> {
            assertThat(due.getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
            assertThat(due.toLocalTime()).as("the time in New York of %s", due)
                    .isBetween(LocalTime.of(8, 0), LocalTime.of(19, 0));
        });
    }
}
