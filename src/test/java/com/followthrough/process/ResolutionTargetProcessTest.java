package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.RefusedEntryException;
import com.followthrough.casefile.CaseFiles;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.promise.Promises;

/**
 * "Resolution target" (issue 12, item 3): the customer was told "we aim to have your problem solved by
 * resolutionDueAt". When that passes with the case unresolved, a supervisor is brought in while the owner keeps
 * working, sets a new date and says what is being done; the customer is told, and the new date is a promise with its
 * own timer.
 */
@ProcessTest
class ResolutionTargetProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CustomerTimes times;
    @Autowired JdbcClient jdbc;
    @Autowired CaseFiles caseFiles;

    private CaseDriver beingDiagnosed() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of());
    }

    private CaseDriver targetPassed() {
        CaseDriver c = beingDiagnosed();
        return c.timeIs((Date) c.variable("resolutionDueAt")).timerFires("StartEvent_ResolutionTargetPassed");
    }

    private static Map<String, Object> newTarget(Instant due) {
        return Map.of("resolutionPlan", "Billing is reversing the second debit by hand",
                "newResolutionDueAt", due.atOffset(ZoneOffset.ofHours(1)).toString());
    }

    @Test
    void caseResolvedInTimeBringsInNobody() {
        CaseDriver c = beingDiagnosed();
        Date target = (Date) c.variable("resolutionDueAt");
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(target);

        c.diagnose("solved", "company").resolve("company", 0);
        c.timeIs(Date.from(target.toInstant().plus(Duration.ofHours(1))));

        assertThat(c.hasTimer("StartEvent_ResolutionTargetPassed")).isFalse();
        assertThat(c.instance).hasNotPassed("Task_SetNewResolutionTarget");
        assertThat(c.messagesSent()).doesNotContain(RESOLUTION_DELAYED);
    }

    @Test
    void missedTargetBringsInASupervisorWhileTheOwnerKeepsWorking() {
        CaseDriver c = targetPassed();

        assertThat(c.task("Task_SetNewResolutionTarget")).hasCandidateGroup("supervisors");
        assertThat(c.task("Task_DiagnoseProblem")).isAssignedTo("anna");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisor brought in")
                .isEqualTo(1);
    }

    @Test
    void customerIsToldWhatIsBeingDoneAndTheNewDateWhichMovesTheOpenWork() {
        CaseDriver c = targetPassed();
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(3));

        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate));

        assertThat(c.variable("resolutionDueAt")).isEqualTo(Date.from(newDate));
        assertThat(c.task("Task_DiagnoseProblem")).hasDueDate(Date.from(newDate));
        assertThat(c.task("Task_DiagnoseProblem").getFollowUpDate())
                .as("warned at 75% of the premium team's 35 working hours to the new date (Sunday 09:00)")
                .isEqualTo(Date.from(CaseDriver.berlin("2026-11-28T11:15")));
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed"))
                .as("the new date is a Sunday, when the premium team is closed: checked at its next opening")
                .isEqualTo(Date.from(CaseDriver.berlin("2026-11-30T08:00")));
        CustomerMessage told = c.messages().stream().filter(m -> m.kind() == RESOLUTION_DELAYED).findFirst().orElseThrow();
        assertThat(told.body()).contains("Billing is reversing the second debit by hand",
                times.format(Date.from(newDate), "premium", Locale.ENGLISH));
    }

    /**
     * The supervisor's date is a clock of its own: work created later and due at it is warned at the same share of
     * the time from when it was set, as the work open then was. It used to be counted from the case's opening, days
     * before the date was set, so the resolution showed as about to breach almost as soon as it was created.
     */
    @Test
    void workCreatedAfterANewDateIsWarnedFromWhenTheDateWasSet() {
        CaseDriver c = targetPassed();
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(3));
        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate));
        Date warning = c.task("Task_DiagnoseProblem").getFollowUpDate();

        c.timePasses(Duration.ofHours(1)).diagnose("solved", "company");

        assertThat(c.task("Task_ResolveProblem")).hasDueDate(Date.from(newDate));
        assertThat(c.task("Task_ResolveProblem").getFollowUpDate())
                .as("75% of the premium team's working hours from when maria set the date, as Diagnose had")
                .isEqualTo(warning);
    }

    /**
     * The target passed, and anna asked the customer something before maria set the new date: the date is set while
     * the case waits on the customer, knowing the wait so far. While the clock stands it brings in nobody and warns of
     * nothing; once the customer answers, it moves later by the wait since it was set (as the question told them), the
     * diagnosis with it, and the target timer fires at it. The timer used to go back to the old target's daily check
     * (a day after the old date, later by the whole wait), a day before the new date, and ran while the case waited;
     * the date moved by the wait before it was set too.
     */
    @Test
    void aNewDateSetWhileTheCaseWaitsOnTheCustomerMovesOnlyByTheWaitSinceAndItsTimerFiresAtIt() {
        CaseDriver c = targetPassed();
        c.complete("Task_DiagnoseProblem", "anna", Map.of("diagnosis", "Billing run charged one of the cards twice",
                "faultParty", "company", "diagnosisOutcome", "waitForCustomer",
                "customerQuestion", "Which card was charged twice?"));
        c.timePasses(Duration.ofHours(1));
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(2));

        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate));

        assertThat(c.variable("resolutionDueAt")).isEqualTo(Date.from(newDate));
        assertThat(c.task("Task_DiagnoseProblem")).hasDueDate(Date.from(newDate));
        assertThat(c.task("Task_DiagnoseProblem").getFollowUpDate()).as("no breach warning while the clock stands")
                .isNull();
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed"))
                .as("a case waiting on the customer is never late for its target: the timer stays held")
                .isAfter(Date.from(CaseDriver.berlin("2030-01-01T00:00")));

        c.timePasses(Duration.ofHours(2)).customerWrites("The Visa ending 4242.");

        Date moved = Date.from(newDate.plus(Duration.ofHours(2)));
        assertThat(c.variable("resolutionDueAt")).as("the new date, later by the 2 working hours waited since it was"
                + " set, not by the hour before").isEqualTo(moved);
        assertThat(caseFiles.read(c.reference).deadlines().resolutionDueAt()).isEqualTo(moved.toInstant());
        assertThat(c.task("Task_DiagnoseProblem")).hasDueDate(moved);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).as("the new date's check, not the old one's")
                .isEqualTo(moved);
        assertThat(c.variable("pausedMinutes")).as("the whole wait is time waiting on the customer").isEqualTo(180L);
        c.diagnose("solved", "company");
        assertThat(c.task("Task_ResolveProblem")).hasDueDate(moved);
    }

    /**
     * The case waits on the callback anna promised when the target passes, and maria sets a new date: the callback's
     * header (Keep the promise is given the case's deadlines) reads the new date, as the case does. It kept the old
     * one, overdue: the promise's copy of it did not move.
     */
    @Test
    void aNewDateSetWhileTheCaseWaitsOnACallbackIsTheOneTheCallbackReads() {
        CaseDriver c = beingDiagnosed().diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofDays(4));
        c.timeIs((Date) c.variable("resolutionDueAt")).timerFires("StartEvent_ResolutionTargetPassed");
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(2));

        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate));
        c.timePasses(Duration.ofHours(1));

        String header = engine.getFormService().getTaskFormVariables(c.task("Task_CallCustomerBack").getId())
                .getValue("caseHeader", String.class);
        assertThat(header.lines().filter(line -> line.startsWith("- **Resolution")))
                .containsExactly("- **Resolution:** by " + times.forTeam(Date.from(newDate)));
    }

    /**
     * The case waits on a specialist's advice when maria sets the new date: the resolution clock runs on (only the
     * customer's answer stops it), so the target timer fires at the new date, and the owner's step after the advice is
     * due at it (the date the customer was told they hear from the owner by has passed: a supervisor's own timer).
     */
    @Test
    void aNewDateSetWhileASpecialistAdvisesIsTheOneTheStepAfterTheAdviceIsDueAt() {
        CaseDriver c = targetPassed().diagnose("specialistNeeded", "unknown");
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(2));

        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate));

        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(Date.from(newDate));
        c.timeIs(Date.from(((Date) c.variable("specialistAdviceDueAt")).toInstant().plus(Duration.ofMinutes(1))))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis",
                        "Payments refunded the retried debit", "faultParty", "company", "diagnosisOutcome", "solved"));
        assertThat(c.task("Task_ResolveProblem")).hasDueDate(Date.from(newDate));
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(Date.from(newDate));
    }

    @Test
    void aTargetThatPassedBeforeAnyoneListenedBringsInASupervisorAsTheWorkBegins() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()));
        Date target = (Date) c.variable("resolutionDueAt");
        c.timeIs(Date.from(target.toInstant().plus(Duration.ofHours(1)))).listen("anna", Map.of());

        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed"))
                .as("the customer was told %s; a supervisor is brought in as the work begins, not a day later", target)
                .isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofMinutes(1))));
        c.timePasses(Duration.ofMinutes(1)).timerFires("StartEvent_ResolutionTargetPassed");
        assertThat(c.task("Task_SetNewResolutionTarget")).hasCandidateGroup("supervisors");
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).as("then once a day, as for any missed target")
                .isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofDays(1))));
    }

    @Test
    void whileNoNewDateIsSetTheDailyCheckAddsNoSecondTask() {
        CaseDriver c = targetPassed();

        for (int day = 1; day <= 3; day++) {
            c.timeIs(c.timerDueDate("StartEvent_ResolutionTargetPassed")).timerFires("StartEvent_ResolutionTargetPassed");
        }

        assertThat(c.openTasks()).filteredOn(t -> t.getTaskDefinitionKey().startsWith("Task_SetNewResolutionTarget"))
                .as("one open 'Set a new resolution date' per case after three days").hasSize(1);
        assertThat(c.instance).hasPassed("EndEvent_NewDateAlreadyBeingSet");
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(2));
        String open = c.openTasks().stream().map(t -> t.getTaskDefinitionKey())
                .filter(k -> k.startsWith("Task_SetNewResolutionTarget")).findFirst().orElseThrow();
        c.complete(open, "demo", newTarget(newDate));
        c.timeIs(Date.from(newDate)).timerFires("StartEvent_ResolutionTargetPassed");
        assertThat(c.task("Task_SetNewResolutionTarget")).as("a new date missed brings the supervisor in again")
                .hasCandidateGroup("supervisors");
    }

    @Test
    void aTaskHandedToTheAdministratorsStillCountsAsOpen() {
        CaseDriver c = targetPassed();
        c.timeIs(c.task("Task_SetNewResolutionTarget").getDueDate()).timerFires("Event_NewTargetOverdue");

        c.timeIs(c.timerDueDate("StartEvent_ResolutionTargetPassed")).timerFires("StartEvent_ResolutionTargetPassed");

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                .contains("Task_SetNewResolutionTargetNow").doesNotContain("Task_SetNewResolutionTarget");
    }

    @Test
    void newDateMissedAsWellBringsTheSupervisorInAgain() {
        CaseDriver c = targetPassed();
        Instant newDate = CaseDriver.now().plus(Duration.ofDays(3));
        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate));

        // Sunday: the premium team opens on Monday at 08:00, and the supervisor is brought in then.
        c.timeIs(Date.from(CaseDriver.berlin("2026-11-30T08:00"))).timerFires("StartEvent_ResolutionTargetPassed");

        assertThat(c.task("Task_SetNewResolutionTarget")).hasCandidateGroup("supervisors");
        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(newDate.plus(Duration.ofDays(2))));
        assertThat(c.messagesSent()).filteredOn(kind -> kind == RESOLUTION_DELAYED).hasSize(2);
    }

    @Test
    void caseResolvedWhileTheSupervisorDecidesTakesTheirTaskAway() {
        CaseDriver c = targetPassed();

        c.diagnose("solved", "company").resolve("company", 0);

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_SetNewResolutionTarget");
        assertThat(c.instance).isWaitingAt("Gateway_AwaitCustomer");
        assertThat(c.messagesSent()).doesNotContain(RESOLUTION_DELAYED);
    }

    @Test
    void aNewDateKeptStillCountsTheMissedTargetForTheGuaranteeCheck() {
        CaseDriver c = targetPassed();
        c.complete("Task_SetNewResolutionTarget", "maria", newTarget(CaseDriver.now().plus(Duration.ofDays(3))));

        c.timePasses(Duration.ofHours(2)).diagnose("solved", "company").resolve("company", 0).customerConfirmsTheSolution();

        assertThat(c.instance).hasPassed("Task_CheckGuarantees");
        assertThat(c.variable("resolutionLate")).as("the first target was missed").isEqualTo(true);
    }

    @Test
    void supervisorWhoSetsNoDateInTimeHandsTheDecisionToTheAdministrators() {
        CaseDriver c = targetPassed();

        c.timeIs(c.task("Task_SetNewResolutionTarget").getDueDate()).timerFires("Event_NewTargetOverdue");

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_SetNewResolutionTarget");
        assertThat(c.task("Task_SetNewResolutionTargetNow")).hasCandidateGroup("camunda-admin");
        c.complete("Task_SetNewResolutionTargetNow", "admin", newTarget(CaseDriver.now().plus(Duration.ofDays(1))));
        assertThat(c.messagesSent()).contains(RESOLUTION_DELAYED);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(c.variable("resolutionDueAt"));
    }

    /**
     * The customer reads who looked at their case: a supervisor when the supervisors set the date, our management when
     * the administrators did (Task_SetNewResolutionTargetNow, camunda-admin), as reimbursementPending and
     * unreachableDecisionPending call them. It used to say "A supervisor has looked at your case" on both paths.
     */
    @Test
    void theNewDateSetByTheAdministratorsTellsTheCustomerOurManagementLookedAtTheCase() {
        CaseDriver bySupervisor = targetPassed();
        bySupervisor.complete("Task_SetNewResolutionTarget", "maria",
                newTarget(CaseDriver.now().plus(Duration.ofDays(1))));
        assertThat(bySupervisor.messages()).filteredOn(m -> m.kind() == RESOLUTION_DELAYED).singleElement()
                .extracting(CustomerMessage::body).asString().contains("A supervisor has looked at your case");

        CaseDriver byManagement = targetPassed();
        byManagement.timeIs(byManagement.task("Task_SetNewResolutionTarget").getDueDate())
                .timerFires("Event_NewTargetOverdue")
                .complete("Task_SetNewResolutionTargetNow", "admin",
                        newTarget(CaseDriver.now().plus(Duration.ofDays(1))));

        assertThat(byManagement.messages()).filteredOn(m -> m.kind() == RESOLUTION_DELAYED).singleElement()
                .extracting(CustomerMessage::body).asString()
                .doesNotContain("A supervisor has looked")
                .contains("Our management has looked at your case",
                        "If that date passes too, a supervisor steps in again");
    }

    @Test
    void newDateInThePastOrFarOffIsRefusedAndChangesNothing() {
        CaseDriver c = targetPassed();
        Date before = (Date) c.variable("resolutionDueAt");
        String task = c.claim("Task_SetNewResolutionTarget", "maria");

        assertThatThrownBy(() -> engine.getTaskService().complete(task, newTarget(CaseDriver.now().minus(Duration.ofHours(1)))))
                .isInstanceOf(RefusedEntryException.class).hasMessageContaining("new resolution date");
        assertThatThrownBy(() -> engine.getTaskService().complete(task, newTarget(CaseDriver.now().plus(Duration.ofDays(120)))))
                .isInstanceOf(RefusedEntryException.class).hasMessageContaining("new resolution date");
        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of("resolutionPlan", " ",
                "newResolutionDueAt", CaseDriver.now().plus(Duration.ofDays(2)).toString())))
                .isInstanceOf(RefusedEntryException.class).hasMessageContaining("what is being done");

        assertThat(c.task("Task_SetNewResolutionTarget").getId()).isEqualTo(task);
        assertThat(c.variable("resolutionDueAt")).isEqualTo(before);
        assertThat(c.messagesSent()).doesNotContain(RESOLUTION_DELAYED);
    }

    @Test
    void aNewDateAtAClockTimeTheClockChangeSkipsIsRefusedAndChangesNothing() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2027-03-15T09:00")));
        CaseDriver c = targetPassed();
        Date before = (Date) c.variable("resolutionDueAt");
        String task = c.claim("Task_SetNewResolutionTarget", "maria");

        assertThatThrownBy(() -> engine.getTaskService().complete(task, Map.of("resolutionPlan",
                "Billing is reversing the second debit by hand", "newResolutionDueAt", "2027-03-28T02:30")))
                .isInstanceOf(RefusedEntryException.class)
                .hasMessage("newResolutionDueAt: the new resolution date 2027-03-28T02:30 does not exist in"
                        + " Europe/Berlin: that night the clocks go forward from 02:00 to 03:00. Pick 03:00 or later.");

        assertThat(c.variable("resolutionDueAt")).isEqualTo(before);
        assertThat(c.messagesSent()).doesNotContain(RESOLUTION_DELAYED);
    }
}
