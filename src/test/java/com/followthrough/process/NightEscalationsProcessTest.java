package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * Issue 15, item 5: an escalation whose deadline falls outside the team's hours waits for the next opening of the
 * plan's calendar (standard: Monday to Friday 09:00-17:00), so nobody is woken at night for it; the enterprise plan is
 * open around the clock and escalates at the deadline. Each test puts a deadline at 20:00 or 21:00 on a Thursday:
 * standard escalates on Friday at 09:00, enterprise at once.
 */
@ProcessTest
class NightEscalationsProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired SurveyAnswers answers;

    private CaseDriver open(String plan) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("plan", plan);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    private static Date berlin(String localDateTime) {
        return Date.from(CaseDriver.berlin(localDateTime));
    }

    /** The timer is not due a minute before {@code firesAt}, is due at it, and fires then. */
    private static void firesExactlyAt(CaseDriver c, String timer, Date firesAt) {
        assertThat(c.timerDueDate(timer)).as("%s fires at", timer).isEqualTo(firesAt);
        c.timeIs(firesAt).timerFires(timer);
    }

    @ParameterizedTest(name = "{0}: a new resolution date at 20:00 is checked at {1}")
    @CsvSource({"standard, 2026-12-04T09:00", "enterprise, 2026-12-03T20:00"})
    void aNewResolutionDateSetForTheEveningIsCheckedAtTheNextOpening(String plan, String checkedAt) {
        CaseDriver c = open(plan).listen("anna", Map.of());
        c.timeIs((Date) c.variable("resolutionDueAt")).timerFires("StartEvent_ResolutionTargetPassed");
        Instant evening = CaseDriver.berlin("2026-12-03T20:00");
        c.complete("Task_SetNewResolutionTarget", "maria", Map.of(
                "resolutionPlan", "Billing is reversing the second debit by hand",
                "newResolutionDueAt", evening.atOffset(ZoneOffset.ofHours(1)).toString()));

        assertThat(c.variable("resolutionDueAt")).as("the date the customer is told stays exact")
                .isEqualTo(Date.from(evening));
        firesExactlyAt(c, "StartEvent_ResolutionTargetPassed", berlin(checkedAt));

        assertThat(c.task("Task_SetNewResolutionTarget")).hasCandidateGroup("supervisors");
    }

    @ParameterizedTest(name = "{0}: a survey comment unread by Thursday 21:00 reaches a supervisor at {1}")
    @CsvSource({"standard, 2026-11-27T09:00", "enterprise, 2026-11-26T21:00"})
    void aSurveyCommentUnreadAtNightReachesTheSupervisorsAtTheNextOpening(String plan, String escalatedAt) {
        CaseDriver c = open(plan).solveAtFirstContactAndClose();
        c.timeIs(berlin("2026-11-24T21:00"));
        answers.answer(c.reference, c.surveyToken(), 3, "Fine, but slow.");

        assertThat(c.task("Task_ReadSurveyComment")).as("the owner's own due date stays the window's end")
                .hasDueDate(berlin("2026-11-26T21:00"));
        firesExactlyAt(c, "Event_SurveyCommentOverdue", berlin(escalatedAt));

        assertThat(c.task("Task_ReadSurveyCommentAsSupervisor")).hasCandidateGroup("supervisors");
    }

    @ParameterizedTest(name = "{0}: a last-chance call due Thursday 21:00 goes to the administrators at {1}")
    @CsvSource({"standard, 2026-11-27T09:00", "enterprise, 2026-11-26T21:00"})
    void aLastChanceCallOverdueAtNightGoesToTheAdministratorsAtTheNextOpening(String plan, String escalatedAt) {
        CaseDriver c = open(plan).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1));
        c.timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Called myself"))
                .callBack("Task_CallCustomerBack", "reachedSolved")
                .resolve("company", 0)
                .timeIs(berlin("2026-11-24T21:00"))
                .customerConfirmsTheSolution();

        assertThat(c.task("Task_CallForALastChance")).as("the supervisors' own due date stays the window's end")
                .hasDueDate(berlin("2026-11-26T21:00"));
        firesExactlyAt(c, "Event_LastChanceCallOverdue", berlin(escalatedAt));

        assertThat(c.task("Task_CallForALastChanceOverdue")).hasCandidateGroup("camunda-admin");
    }

    @ParameterizedTest(name = "{0}: a callback broken at 19:00 is recorded at 19:00 and reaches a supervisor at {1}")
    @CsvSource({"standard, 2026-11-25T09:00", "enterprise, 2026-11-24T19:00"})
    void aCallbackBrokenInTheEveningIsRecordedThenAndReachesASupervisorAtTheNextOpening(String plan, String escalatedAt) {
        CaseDriver c = open(plan).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .timeIs(berlin("2026-11-24T16:00")).promiseCallbackIn(Duration.ofHours(3));

        c.timeIs(berlin("2026-11-24T19:00")).timerFires("Event_CallbackDue");

        assertThat(c.promises()).singleElement().satisfies(promise -> {
            assertThat(promise.status()).isEqualTo(Promise.Status.BROKEN);
            assertThat(promise.brokenAt()).as("broken at the promised time, whenever a supervisor is told")
                    .isEqualTo(CaseDriver.berlin("2026-11-24T19:00"));
        });
        if (plan.equals("standard")) {
            assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_KeepPromiseAtRisk");
            firesExactlyAt(c, "Event_TeamHoursBeganForPromise", berlin(escalatedAt));
        }

        assertThat(c.task("Task_KeepPromiseAtRisk")).hasCandidateGroup("supervisors");
        assertThat(CaseDriver.now()).isEqualTo(CaseDriver.berlin(escalatedAt));
    }

    /**
     * The callback broke at 19:00 on standard, and the supervisors are to be told at the next opening; anna makes the
     * call at 20:00 and reaches Jane's voicemail. The call they were to make sure of was made: nobody is told of it in
     * the morning. It used to appear at 09:00 all the same, asking for a call made the evening before.
     */
    @Test
    void aCallMadeOvernightWithoutReachingTheCustomerBringsInNoSupervisorInTheMorning() {
        CaseDriver c = open("standard").listen("anna", Map.of()).diagnose("answerKnown", "company")
                .timeIs(berlin("2026-11-24T16:00")).promiseCallbackIn(Duration.ofHours(3));
        c.timeIs(berlin("2026-11-24T19:00")).timerFires("Event_CallbackDue");
        assertThat(c.hasTimer("Event_TeamHoursBeganForPromise")).isTrue();

        c.timeIs(berlin("2026-11-24T20:00")).callBack("Task_CallCustomerBack", "notReached");

        assertThat(c.hasTimer("Event_TeamHoursBeganForPromise")).as("nothing left to make sure of").isFalse();
        c.timeIs(berlin("2026-11-25T09:00")).dueTimersFire();
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_KeepPromiseAtRisk");
        assertThat(c.promises().get(0).status()).as("broken stays broken").isEqualTo(Promise.Status.BROKEN);
    }

    @ParameterizedTest(name = "{0}: a last-chance callback broken at 19:00 reaches the administrators at {1}")
    @CsvSource({"standard, 2026-11-25T09:00", "enterprise, 2026-11-24T19:00"})
    void aLastChanceCallbackBrokenInTheEveningReachesTheAdministratorsAtTheNextOpening(String plan,
                                                                                        String escalatedAt) {
        CaseDriver c = open(plan).solveAtFirstContactAndClose();
        answers.answer(c.reference, c.surveyToken(), 1, "Nobody listened.");
        c.timeIs(berlin("2026-11-24T16:00")).complete("Task_CallForALastChance", "maria", Map.of(
                "lastChanceOutcome", "stays", "lastChanceNotes", "She stays if we call once the refund is booked",
                "lastChanceCallbackPromised", true, "nextActions", "Check the refund is booked and call you",
                "callbackAt", "2026-11-24T19:00+01:00", "callbackNumber", "+1 555 0100"));
        int brokenBefore = promises.countBroken(c.reference);

        c.timeIs(berlin("2026-11-24T19:00")).timerFires("Event_CallbackDue");

        assertThat(promises.countBroken(c.reference)).as("broken at the promised time").isEqualTo(brokenBefore + 1);
        if (plan.equals("standard")) {
            assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                    .doesNotContain("Task_KeepPromiseAtRisk");
            firesExactlyAt(c, "Event_TeamHoursBeganForPromise", berlin(escalatedAt));
        }

        assertThat(c.task("Task_KeepPromiseAtRisk")).as("maria made the promise: above her, not her peers")
                .hasCandidateGroup("camunda-admin");
        assertThat(CaseDriver.now()).isEqualTo(CaseDriver.berlin(escalatedAt));
    }
}
