package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.HeldTransaction;
import com.followthrough.TestPostgres;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * A supervisor changes a case's plan or priority (issue 15, item 6; Zammad users report stale targets after such a
 * change): the service levels are decided again and every deadline, timer and due date of the case moves with them.
 * Jane's case is opened on the standard plan, normal priority, by email, on Monday 23 Nov 2026 09:00 in Berlin:
 * first response by 17:00 (PT8H), updates every 8 working hours, resolved by Monday 30 Nov 09:00 (P5D). On premium,
 * high: first response by 11:00 (PT2H), updates every 2 working hours, resolved by Wednesday 25 Nov 09:00 (P2D).
 */
@ProcessTest
class ServiceLevelChangeProcessTest {

    static final Date STANDARD_FIRST_RESPONSE = at("2026-11-23T17:00");
    static final Date STANDARD_RESOLUTION = at("2026-11-30T09:00");
    static final Date PREMIUM_HIGH_FIRST_RESPONSE = at("2026-11-23T11:00");
    static final Date PREMIUM_HIGH_RESOLUTION = at("2026-11-25T09:00");

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcClient jdbc;
    @Autowired CaseDeadlines deadlines;
    @Autowired CustomerTimes times;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    ServiceLevelChangeProcessTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    static Date at(String berlinTime) {
        return Date.from(CaseDriver.berlin(berlinTime));
    }

    private CaseDriver standardNormalCase() {
        Map<String, Object> jane = new HashMap<>(CaseDriver.caseFromJane());
        jane.put("plan", "standard");
        jane.put("priority", "normal");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, jane);
        assertThat(c.variable("firstResponseDueAt")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.variable("resolutionDueAt")).isEqualTo(STANDARD_RESOLUTION);
        return c;
    }

    private HttpResponse<String> change(CaseDriver c, String user, String body) throws Exception {
        return change(c.reference, user, body);
    }

    /** maria upgrades the case to premium, high: the change most of these tests make. */
    private HttpResponse<String> upgradeToPremiumHigh(CaseDriver c) throws Exception {
        return change(c, "maria:maria",
                "{\"plan\": \"premium\", \"priority\": \"high\", \"reason\": \"Customer upgraded\"}");
    }

    private HttpResponse<String> change(String reference, String user, String body) throws Exception {
        return http.send(http.request("/api/cases/" + reference + "/service-level", user)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private List<Job> timers(CaseDriver c) {
        return engine.getManagementService().createJobQuery().processInstanceId(c.instance.getId()).timers().list();
    }

    private Map<String, Date> timerDueDates(CaseDriver c, String... activityIds) {
        Map<String, Date> due = new HashMap<>();
        for (String activityId : activityIds) {
            if (c.hasTimer(activityId)) {
                due.put(activityId, c.timerDueDate(activityId));
            }
        }
        return due;
    }

    @Test
    void whileTheCustomerWaitsToBeHeardEveryTimerAndDueDateMovesToThePremiumHighDeadlines() throws Exception {
        CaseDriver c = standardNormalCase();
        assertThat(c.timerDueDate("Event_FirstResponseDue")).isEqualTo(STANDARD_FIRST_RESPONSE);
        c.timePasses(Duration.ofMinutes(30));

        HttpResponse<String> response = change(c, "maria:maria",
                "{\"plan\": \"premium\", \"priority\": \"high\", \"reason\": \"Customer upgraded to premium this morning\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode changed = json.readTree(response.body());
        assertThat(changed.get("firstResponseDueAt").asText()).isEqualTo(PREMIUM_HIGH_FIRST_RESPONSE.toInstant().toString());
        assertThat(changed.get("resolutionDueAt").asText()).isEqualTo(PREMIUM_HIGH_RESOLUTION.toInstant().toString());
        // The acknowledgment went out at 09:00: the next update is due two working hours later.
        assertThat(changed.get("nextUpdateDueAt").asText()).isEqualTo(at("2026-11-23T11:00").toInstant().toString());
        assertThat(changed.at("/targets/updateInterval").asText()).isEqualTo("PT2H");

        assertThat(c.variable("plan")).isEqualTo("premium");
        assertThat(c.variable("priority")).isEqualTo("high");
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "taskPriority")).isEqualTo(75);
        assertThat(c.variableNow("firstResponseTarget")).isEqualTo("PT2H");
        assertThat(c.variableNow("updateInterval")).isEqualTo("PT2H");
        assertThat(c.variableNow("resolutionTarget")).isEqualTo("P2D");
        assertThat(c.variable("firstResponseDueAt")).isEqualTo(PREMIUM_HIGH_FIRST_RESPONSE);
        assertThat(c.variable("resolutionDueAt")).isEqualTo(PREMIUM_HIGH_RESOLUTION);

        Task listen = c.task("Task_ListenToCustomer");
        assertThat(listen.getDueDate()).isEqualTo(PREMIUM_HIGH_FIRST_RESPONSE);
        assertThat(listen.getPriority()).isEqualTo(75);
        assertThat(timerDueDates(c, "Event_FirstResponseDue", "Event_UpdateIntervalPassedWhileWaiting")).isEqualTo(Map.of(
                "Event_FirstResponseDue", PREMIUM_HIGH_FIRST_RESPONSE,
                "Event_UpdateIntervalPassedWhileWaiting", at("2026-11-23T11:00")));
        assertThat(timers(c)).extracting(Job::getDuedate).containsOnly(PREMIUM_HIGH_FIRST_RESPONSE);

        // The engine acts on the new deadline: at 11:00 a supervisor gives the first response.
        c.timeIs(PREMIUM_HIGH_FIRST_RESPONSE).timerFires("Event_FirstResponseDue");
        assertThat(c.task("Task_GiveFirstResponse").getDueDate()).isEqualTo(PREMIUM_HIGH_FIRST_RESPONSE);
        assertThat(c.task("Task_GiveFirstResponse").getPriority()).isEqualTo(75);
    }

    private static Map<String, Object> askingTheCustomer() {
        return Map.of("diagnosis", "Billing run charged one of the cards twice", "faultParty", "company",
                "diagnosisOutcome", "waitForCustomer", "customerQuestion", "Which card was charged twice?");
    }

    /**
     * Monday 16:00 anna asks Jane which card; Jane answers Tuesday 10:00: the standard clock stood still for two
     * working hours (16:00–17:00, 09:00–10:00), so the target moved from Monday 30 Nov 09:00 to 11:00. An upgrade
     * afterwards counts premium/high from the opening again and keeps the two hours: Wednesday 25 Nov 11:00.
     */
    @Test
    void aChangeAfterTheCaseWaitedOnTheCustomerKeepsThePausedTime() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of());
        c.timeIs(at("2026-11-23T16:00")).complete("Task_DiagnoseProblem", "anna", askingTheCustomer());
        c.timeIs(at("2026-11-24T10:00")).customerWrites("The Visa ending 4242.");
        assertThat(c.variable("resolutionDueAt")).isEqualTo(at("2026-11-30T11:00"));

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Date premiumAfterPause = at("2026-11-25T11:00");
        assertThat(c.variable("resolutionDueAt")).isEqualTo(premiumAfterPause);
        assertThat(c.task("Task_DiagnoseProblem").getDueDate()).isEqualTo(premiumAfterPause);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(premiumAfterPause);
    }

    /**
     * A change while the case waits on the customer moves the target but leaves its timer held (a waiting case is
     * never late); when Jane answers, the pause (Monday 16:00 to Tuesday 10:00, six working hours on the premium
     * calendar, 08:00–20:00) is added to the new target and the timer goes back to it.
     */
    @Test
    void aChangeWhileTheCaseWaitsOnTheCustomerKeepsTheTimerHeldUntilTheAnswer() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of());
        c.timeIs(at("2026-11-23T16:00")).complete("Task_DiagnoseProblem", "anna", askingTheCustomer());
        c.timeIs(at("2026-11-24T09:30"));

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(c.variable("resolutionDueAt")).isEqualTo(PREMIUM_HIGH_RESOLUTION);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).as("still held")
                .isAfter(at("2030-01-01T00:00"));

        c.timeIs(at("2026-11-24T10:00")).customerWrites("The Visa ending 4242.");

        Date resumed = at("2026-11-25T15:00");
        assertThat(c.variable("resolutionDueAt")).isEqualTo(resumed);
        assertThat(c.task("Task_DiagnoseProblem").getDueDate()).isEqualTo(resumed);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(resumed);
    }

    private static final String UPGRADE = "{\"plan\": \"premium\", \"reason\": \"Customer upgraded\"}";

    /**
     * Maria upgrades the case as a colleague raises its priority: her change meets his, is refused with the same
     * {@code 409} as every other change under {@code /api} that meets another ({@code "title": "Changed meanwhile"},
     * docs/api.md), and changes nothing; sent again, it is taken.
     */
    @Test
    void aChangeThatMeetsAnotherChangeOfTheCaseIsRefusedAsChangedMeanwhileAndTakenWhenSentAgain() throws Exception {
        CaseDriver c = standardNormalCase();

        HttpResponse<String> refused;
        try (HeldTransaction priorityRaised = HeldTransaction.of(transactions, jdbc,
                () -> engine.getRuntimeService().setVariable(c.instance.getId(), "priority", "high"))) {
            refused = change(c, "maria:maria", UPGRADE);
            assertThat(priorityRaised.someoneWaited()).as("the change met the colleague's").isTrue();
        }

        assertChangedMeanwhileAndNothingChanged(c, refused);
        assertThat(c.variableNow("priority")).isEqualTo("high");
        HttpResponse<String> again = change(c, "maria:maria", UPGRADE);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(c.variableNow("plan")).isEqualTo("premium");
    }

    /**
     * Another transaction holds the case longer than the database waits for a lock (H2's lock timeout, two seconds:
     * another node's long step, a second request on the same case): the change gets a {@code 409} that says to send
     * it again, not a {@code 500}, and nothing of it is kept.
     */
    @Test
    void aChangeThatWaitsLongerThanTheLockTimeoutIsRefusedAsChangedMeanwhileAndChangesNothing() throws Exception {
        assumeFalse(TestPostgres.isTheTestDatabase(), "PostgreSQL waits for a lock without a timeout by default");
        CaseDriver c = standardNormalCase();

        HttpResponse<String> refused;
        HeldTransaction caseHeld = HeldTransaction.untilClosed(transactions, jdbc, () -> jdbc.sql("""
                SELECT ID_ FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ = ? AND NAME_ IN ('plan', 'priority') FOR UPDATE
                """).param(c.instance.getId()).query(String.class).list());
        try (caseHeld) {
            refused = change(c, "maria:maria", UPGRADE);
        }
        assertThat(caseHeld.someoneWaited()).as("the change waited on the held case").isTrue();

        assertChangedMeanwhileAndNothingChanged(c, refused);
        assertThat(c.variableNow("priority")).isEqualTo("normal");
        HttpResponse<String> again = change(c, "maria:maria", UPGRADE);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    private void assertChangedMeanwhileAndNothingChanged(CaseDriver c, HttpResponse<String> refused) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("title").asText()).isEqualTo("Changed meanwhile");
        assertThat(problem.path("detail").asText()).contains("nothing was changed", "Send it again");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/cases/" + c.reference + "/service-level");
        assertThat(c.variableNow("plan")).isEqualTo("standard");
        assertThat(c.variableNow("serviceLevelChanges")).isNull();
        assertThat(c.variable("firstResponseDueAt")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.timerDueDate("Event_FirstResponseDue")).isEqualTo(STANDARD_FIRST_RESPONSE);
    }

    @Test
    void whileTheSolutionIsWorkedOnTheResolutionAndUpdateTimersAndTheOwnersDueDateMove() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of());
        assertThat(c.task("Task_DiagnoseProblem").getDueDate()).isEqualTo(STANDARD_RESOLUTION);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(STANDARD_RESOLUTION);
        Date firstRespondedAt = (Date) c.variable("firstRespondedAt");
        assertThat(firstRespondedAt).isNotNull();

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Task diagnose = c.task("Task_DiagnoseProblem");
        assertThat(diagnose.getDueDate()).isEqualTo(PREMIUM_HIGH_RESOLUTION);
        assertThat(diagnose.getPriority()).isEqualTo(75);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(PREMIUM_HIGH_RESOLUTION);
        // The agent spoke to Jane at 09:00 (the last message to her was the acknowledgment): the next update is at 11:00.
        assertThat(c.timerDueDate("StartEvent_UpdateIntervalPassed")).isEqualTo(at("2026-11-23T11:00"));
        assertThat(c.openTasks()).extracting(Task::getDueDate).containsOnly(PREMIUM_HIGH_RESOLUTION);
        // The first response was given at 09:00, so its deadline was met and stays on record as it was; the timer of
        // "First response still owed" keeps that time and will find nothing owed.
        assertThat(c.variable("firstResponseDueAt")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.timerDueDate("Event_FirstResponseStillOwed")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(timers(c)).extracting(Job::getDuedate)
                .containsOnly(PREMIUM_HIGH_RESOLUTION, at("2026-11-23T11:00"), STANDARD_FIRST_RESPONSE);

        c.timeIs(PREMIUM_HIGH_RESOLUTION).timerFires("StartEvent_ResolutionTargetPassed");
        assertThat(c.task("Task_SetNewResolutionTarget")).isNotNull();
    }

    /**
     * A reopened case runs a fresh resolution target, counted from the reopening: an upgrade counts it again from the
     * reopening on the new plan, and the owner's due date and the target timer move with it (they stayed at the
     * standard plan's date, as if the resolution no longer ran).
     */
    @Test
    void onAReopenedCaseTheFreshResolutionDateAndTimerMoveToTheNewPlan() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .timeIs(at("2026-11-24T10:00")).customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement"));
        Date standardFresh = (Date) c.variableNow("resolutionDueAt");
        assertThat(standardFresh).as("the fresh target, from the reopening")
                .isEqualTo(deadlines.after("P5D", "standard"));
        assertThat(c.task("Task_DiagnoseProblem").getDueDate()).isEqualTo(standardFresh);

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Date premiumFresh = deadlines.after("P2D", "premium");
        assertThat(premiumFresh).isBefore(standardFresh);
        assertThat(c.variableNow("resolutionDueAt")).isEqualTo(premiumFresh);
        assertThat(json.readTree(response.body()).path("resolutionDueAt").asText())
                .isEqualTo(premiumFresh.toInstant().toString());
        assertThat(c.task("Task_DiagnoseProblem").getDueDate()).isEqualTo(premiumFresh);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(premiumFresh);
    }

    /**
     * The fresh target of a reopened case counts from the reopening, with none of the time the case waited on the
     * customer before it was resolved: an upgrade counts it again the same way. The two working hours Jane took to
     * answer the first time used to be added to the upgraded fresh target, a date two hours later than the plan's.
     */
    @Test
    void onAReopenedCaseAChangeLeavesOutTheWaitBeforeTheReopening() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of());
        c.timeIs(at("2026-11-23T16:00")).complete("Task_DiagnoseProblem", "anna", askingTheCustomer());
        c.timeIs(at("2026-11-24T10:00")).customerWrites("The Visa ending 4242.");
        assertThat(c.variable("pausedMinutes")).isEqualTo(120L);
        c.complete("Task_AnswerCustomerMessage", "anna", Map.of("answerOutcome", "answered",
                "replyText", "Thank you, I am on it.", "discountRequested", false));
        c.diagnose("solved", "company").resolve("company", 0)
                .timeIs(at("2026-11-25T10:00")).customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement"));
        assertThat(c.variableNow("resolutionDueAt")).as("the fresh target, from the reopening")
                .isEqualTo(deadlines.after("P5D", "standard"));

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Date premiumFresh = deadlines.after("P2D", "premium");
        assertThat(c.variableNow("resolutionDueAt")).as("counted from the reopening, no earlier wait added")
                .isEqualTo(premiumFresh);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(premiumFresh);
        assertThat(c.variableNow("pausedMinutes")).as("the case's time waiting on the customer stays on record")
                .isEqualTo(120L);
    }

    /**
     * A date a supervisor set after the first target was missed is a promise of its own and keeps; the reopening
     * replaced it with a fresh target, which a change moves (the miss on record held it at the old plan's date).
     */
    @Test
    void aMissBeforeTheReopeningDoesNotHoldTheFreshResolutionDate() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of());
        c.timeIs(STANDARD_RESOLUTION).timerFires("StartEvent_ResolutionTargetPassed");
        c.complete("Task_SetNewResolutionTarget", "maria", Map.of(
                "resolutionPlan", "Billing is reversing the second debit by hand",
                "newResolutionDueAt", "2026-12-02T09:00+01:00"));
        c.diagnose("solved", "company").resolve("company", 0).timePasses(Duration.ofHours(1))
                .customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"));
        assertThat(c.variableNow("resolutionTargetMissed")).as("the first miss stays on record").isEqualTo(true);
        Date standardFresh = (Date) c.variableNow("resolutionDueAt");

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Date premiumFresh = deadlines.after("P2D", "premium");
        assertThat(premiumFresh).isBefore(standardFresh);
        assertThat(c.variableNow("resolutionDueAt")).isEqualTo(premiumFresh);
        assertThat(c.timerDueDate("StartEvent_ResolutionTargetPassed")).isEqualTo(premiumFresh);
    }

    /**
     * The fresh target of a reopened case missed in its turn: the date a supervisor then sets is a promise of its own,
     * and a change keeps it, as it keeps one set before any reopening.
     */
    @Test
    void aDateASupervisorSetAfterTheReopeningKeeps() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .timeIs(at("2026-11-24T10:00")).customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"));
        c.timeIs((Date) c.variableNow("resolutionDueAt")).timerFires("StartEvent_ResolutionTargetPassed");
        c.complete("Task_SetNewResolutionTarget", "maria", Map.of(
                "resolutionPlan", "Billing is reversing the second debit by hand",
                "newResolutionDueAt", "2026-12-09T09:00+01:00"));
        Date supervisorsDate = at("2026-12-09T09:00");
        assertThat(c.variableNow("resolutionDueAt")).isEqualTo(supervisorsDate);

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(c.variableNow("resolutionDueAt")).as("the supervisor's date, told the customer, keeps")
                .isEqualTo(supervisorsDate);
        assertThat(c.variableNow("plan")).isEqualTo("premium");
    }

    /**
     * A case that waits to close for an answer it owes the customer keeps them informed on the plan's update interval
     * (Event_UpdateIntervalPassedBeforeClose): an upgrade brings the next update to the new, shorter interval.
     */
    @Test
    void whileTheCaseWaitsToCloseForAnAnswerItOwesTheNextUpdateMovesToTheNewInterval() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of()).diagnose("solved", "company")
                .resolve("company", 0).customerWrites("Thanks, the money is back.")
                .customerWrites("One more thing: does the 15 EUR overdraft fee come back too?")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed"));
        assertThat(engine.getRuntimeService().createExecutionQuery().processInstanceId(c.instance.getId())
                .activityId("Event_EveryAnswerSent").count()).as("waits to close for the answer").isEqualTo(1);
        assertAnUpgradeBringsTheNextUpdateToTheShorterInterval(c, "Event_UpdateIntervalPassedBeforeClose");
    }

    /**
     * A resolved case that waits for the customer's word and still owes them an answer keeps them informed on the
     * plan's update interval (Event_UpdateIntervalPassedWhileResolved): an upgrade brings the next update to the new,
     * shorter interval.
     */
    @Test
    void whileAResolvedCaseOwesAnAnswerTheNextUpdateMovesToTheNewInterval() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of()).diagnose("solved", "company")
                .customerWrites("Will the 15 EUR overdraft fee come back too?").resolve("company", 0);
        assertThat(c.task("Task_AnswerCustomerMessage")).as("the answer is still owed").isNotNull();
        assertAnUpgradeBringsTheNextUpdateToTheShorterInterval(c, "Event_UpdateIntervalPassedWhileResolved");
    }

    private void assertAnUpgradeBringsTheNextUpdateToTheShorterInterval(CaseDriver c, String updateTimer)
            throws Exception {
        Date standardUpdate = c.timerDueDate(updateTimer);

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Date premiumUpdate = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(premiumUpdate).isBefore(standardUpdate);
        assertThat(c.timerDueDate(updateTimer)).isEqualTo(premiumUpdate);
    }

    @Test
    void aCallbackUnderWayTakesTheNewPriorityAndKeepsThePromisedTime() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));
        Task callback = c.task("Task_CallCustomerBack");
        assertThat(callback.getPriority()).isEqualTo(50);
        Date promisedTime = callback.getDueDate();

        HttpResponse<String> response = change(c, "maria:maria", "{\"priority\": \"urgent\", \"reason\": \"Shop down\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        callback = c.task("Task_CallCustomerBack");
        assertThat(callback.getPriority()).isEqualTo(100);
        assertThat(callback.getDueDate()).as("a promise to the customer").isEqualTo(promisedTime);
        assertThat(engine.getRuntimeService().getVariable(callback.getProcessInstanceId(), "taskPriority"))
                .as("the called Keep the promise").isEqualTo(100);
        assertThat(engine.getRuntimeService().getVariable(callback.getProcessInstanceId(), "priority")).isEqualTo("urgent");
    }

    /**
     * anna listened without reaching Jane and promised her a callback; maria upgrades the case while it is open: the
     * callback's header (Keep the promise is given the case's deadlines) reads the premium, high first response and
     * resolution dates, as the case does. It kept the standard plan's dates, later than the case's.
     */
    @Test
    void aCallbackUnderWayReadsTheDatesTheChangeMoved() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of("spokeToCustomer", "no"))
                .diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2));

        HttpResponse<String> response = upgradeToPremiumHigh(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String header = engine.getFormService().getTaskFormVariables(c.task("Task_CallCustomerBack").getId())
                .getValue("caseHeader", String.class);
        assertThat(header.lines().filter(line -> line.startsWith("- **First response")
                || line.startsWith("- **Resolution"))).containsExactly(
                "- **First response:** by " + times.forTeam(PREMIUM_HIGH_FIRST_RESPONSE),
                "- **Resolution:** by " + times.forTeam(PREMIUM_HIGH_RESOLUTION));
    }

    @Test
    void theChangeIsOnRecordWithWhoWhenFromToAndWhy() throws Exception {
        CaseDriver c = standardNormalCase();

        change(c, "maria:maria", "{\"priority\": \"urgent\", \"reason\": \"Their shop is down\"}");
        c.timePasses(Duration.ofMinutes(5));
        HttpResponse<String> second = change(c, "demo:demo", "{\"plan\": \"enterprise\", \"reason\": \"Contract signed\"}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode changes = json.readTree(c.variable("serviceLevelChanges").toString());
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("by").asText()).isEqualTo("maria");
        assertThat(changes.get(0).get("at").asText()).isEqualTo(CaseDriver.MONDAY_9AM.toString());
        assertThat(changes.get(0).at("/from/plan").asText()).isEqualTo("standard");
        assertThat(changes.get(0).at("/from/priority").asText()).isEqualTo("normal");
        assertThat(changes.get(0).at("/to/plan").asText()).isEqualTo("standard");
        assertThat(changes.get(0).at("/to/priority").asText()).isEqualTo("urgent");
        assertThat(changes.get(0).get("reason").asText()).isEqualTo("Their shop is down");
        assertThat(changes.get(1).get("by").asText()).isEqualTo("demo");
        assertThat(changes.get(1).at("/from/priority").asText()).isEqualTo("urgent");
        assertThat(changes.get(1).at("/to/plan").asText()).isEqualTo("enterprise");
        // The service level the case was held to after each change (standard, urgent, then enterprise, urgent, by email).
        assertThat(changes.get(0).get("targets")).isEqualTo(json.readTree("""
                {"firstResponseTarget": "PT1H", "updateInterval": "PT2H", "resolutionTarget": "P1D", "nextReplyTarget": "PT1H"}
                """));
        assertThat(changes.get(1).get("targets")).isEqualTo(json.readTree("""
                {"firstResponseTarget": "PT15M", "updateInterval": "PT30M", "resolutionTarget": "PT8H", "nextReplyTarget": "PT15M"}
                """));
        assertThat(c.variable("plan")).isEqualTo("enterprise");
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "taskPriority")).isEqualTo(100);

        JsonNode timeline = json.readTree(http.get("/api/insights/cases/" + c.reference + "/timeline", "maria:maria").body());
        List<String> serviceLevelEvents = new java.util.ArrayList<>();
        timeline.get("events").forEach(event -> {
            if ("serviceLevel".equals(event.get("type").asText())) {
                serviceLevelEvents.add(event.get("title").asText() + " | " + event.get("detail").asText());
            }
        });
        assertThat(serviceLevelEvents).containsExactly(
                "Service level changed by maria | standard, normal → standard, urgent: Their shop is down",
                "Service level changed by demo | standard, urgent → enterprise, urgent: Contract signed");
    }

    @Test
    void aCustomerMessageAfterTheChangeIsDueAtTheNewPlansNextReplyTarget() throws Exception {
        CaseDriver c = standardNormalCase().listen("anna", Map.of());

        HttpResponse<String> response = change(c, "maria:maria",
                "{\"plan\": \"premium\", \"priority\": \"high\", \"reason\": \"Customer upgraded to premium this morning\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        c.timeIs(at("2026-11-23T10:00")).customerWrites("Any news on the double charge?");

        // Premium, high, email: the next reply within PT2H (it was 18:00: the old plan's PT8H on the premium calendar).
        assertThat(c.task("Task_AnswerCustomerMessage").getDueDate()).isEqualTo(at("2026-11-23T12:00"));
    }

    @Test
    void aSlowerServiceLevelNeverMovesADateTheCustomerMayHaveBeenToldLater() throws Exception {
        CaseDriver c = standardNormalCase();

        HttpResponse<String> response = change(c, "maria:maria", "{\"priority\": \"low\", \"reason\": \"Only a question\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(c.variable("priority")).isEqualTo("low");
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "taskPriority")).isEqualTo(25);
        assertThat(c.variableNow("updateInterval")).as("from now on").isEqualTo("P1D");
        assertThat(c.variable("firstResponseDueAt")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.variable("resolutionDueAt")).isEqualTo(STANDARD_RESOLUTION);
        assertThat(c.task("Task_ListenToCustomer").getDueDate()).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.task("Task_ListenToCustomer").getPriority()).isEqualTo(25);
        assertThat(c.timerDueDate("Event_FirstResponseDue")).isEqualTo(STANDARD_FIRST_RESPONSE);
    }

    @Test
    void agentsMayNotChangeTheServiceLevelAndNothingChanges() throws Exception {
        CaseDriver c = standardNormalCase();

        for (String user : new String[] {"anna:anna", "sam:sam", "alex:alex", "portal:portal"}) {
            HttpResponse<String> response = change(c, user, "{\"plan\": \"premium\", \"reason\": \"Please\"}");
            assertThat(response.statusCode()).as(user).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(change(c, null, "{\"plan\": \"premium\", \"reason\": \"Please\"}").statusCode()).isEqualTo(401);
        assertUnchanged(c);
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndNothingChanges() throws Exception {
        CaseDriver c = standardNormalCase();

        assertRefused(c, "{\"plan\": \"gold\", \"reason\": \"Upgrade\"}", "plan");
        assertRefused(c, "{\"priority\": \"asap\", \"reason\": \"Upgrade\"}", "priority");
        assertRefused(c, "{\"plan\": \"premium\"}", "reason");
        assertRefused(c, "{\"plan\": \"premium\", \"reason\": \"   \"}", "reason");
        assertRefused(c, "{\"reason\": \"Upgrade\"}", "plan");
        assertRefused(c, "{\"plan\": \"premium\", \"reason\": \"Upgrade\", \"dueAt\": \"tomorrow\"}", "dueAt");
        HttpResponse<String> same = change(c, "maria:maria", "{\"plan\": \"standard\", \"priority\": \"normal\", \"reason\": \"x\"}");
        assertThat(same.statusCode()).as(same.body()).isEqualTo(409);
        assertThat(same.body()).contains("\"title\":\"Nothing to change\"");
        assertThat(json.readTree(same.body()).path("errors").findValuesAsText("field")).as("names what it would change")
                .containsExactlyInAnyOrder("plan", "priority");
        assertUnchanged(c);
    }

    @Test
    void anUnknownCaseIsNotFoundAndAClosedOneNoLongerChanges() throws Exception {
        assertThat(change("SC-2026-999999", "maria:maria", "{\"plan\": \"premium\", \"reason\": \"Upgrade\"}").statusCode())
                .isEqualTo(404);
        assertThat(change("not-a-reference", "maria:maria", "{\"plan\": \"premium\", \"reason\": \"Upgrade\"}").statusCode())
                .isEqualTo(404);

        CaseDriver closed = standardNormalCase();
        engine.getRuntimeService().deleteProcessInstance(closed.instance.getId(), "test: a closed case");
        HttpResponse<String> response = change(closed, "maria:maria", "{\"plan\": \"premium\", \"reason\": \"Upgrade\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains("\"title\":\"Case closed\"");
        assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field"))
                .containsExactly("reference");
    }

    private void assertRefused(CaseDriver c, String body, String field) throws Exception {
        HttpResponse<String> response = change(c, "maria:maria", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).as(body).contains("\"" + field);
    }

    private void assertUnchanged(CaseDriver c) {
        assertThat(c.variable("plan")).isEqualTo("standard");
        assertThat(c.variable("priority")).isEqualTo("normal");
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "taskPriority")).isEqualTo(50);
        assertThat(c.variable("firstResponseDueAt")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.variable("resolutionDueAt")).isEqualTo(STANDARD_RESOLUTION);
        assertThat(engine.getRuntimeService().getVariables(c.instance.getId())).doesNotContainKey("serviceLevelChanges");
        assertThat(c.task("Task_ListenToCustomer").getDueDate()).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(c.task("Task_ListenToCustomer").getPriority()).isEqualTo(50);
        assertThat(c.timerDueDate("Event_FirstResponseDue")).isEqualTo(STANDARD_FIRST_RESPONSE);
        assertThat(Set.copyOf(timers(c).stream().map(Job::getDuedate).toList())).containsOnly(STANDARD_FIRST_RESPONSE);
    }
}
