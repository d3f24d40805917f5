package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.InvalidPromiseException;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.vocabulary.Processes;

/** Every path of one promise's lifecycle (KeepPromise), called from a real support case. */
@ProcessTest
class KeepPromiseProcessTest {

    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CaseDeadlines deadlines;
    @LocalServerPort int port;

    private CaseDriver c;

    /**
     * Every test starts here: anna knows the answer and is about to promise a callback. Called from the test itself,
     * not from {@code @BeforeEach}: process coverage records a test from its first statement on.
     */
    private void caseWhoseOwnerKnowsTheAnswer() {
        caseWhoseOwnerKnowsTheAnswer(CaseDriver.caseFromJane());
    }

    private void caseWhoseOwnerKnowsTheAnswer(Map<String, Object> startVariables) {
        c = CaseDriver.open(engine, inbox, messages, promises, startVariables)
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
    }

    private ProcessInstance keepPromise() {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Processes.KEEP_PROMISE)
                .processInstanceBusinessKey(c.reference).singleResult();
    }

    @Test
    void promiseIsRecordedAndConfirmedToTheCustomerInWriting() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(4));

        assertThat(keepPromise()).hasPassed("Task_RecordPromise", "Task_ConfirmPromise").isWaitingAt("Task_CallCustomerBack");
        assertThat(c.promises()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(Promise.Status.OPEN);
            assertThat(p.dueAt()).isEqualTo(CaseDriver.now().plus(Duration.ofHours(4)));
            assertThat(p.callbackNumber()).isEqualTo("+1 555 0100");
        });
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, PROMISE_CONFIRMATION);
    }

    @Test
    void reminderOfAMondayMorningCallbackFallsInTheOwnersWorkingTimeOnFriday() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-11-20T16:00")));
        Map<String, Object> standardPlan = new HashMap<>(CaseDriver.caseFromJane());
        standardPlan.put("plan", "standard");
        caseWhoseOwnerKnowsTheAnswer(standardPlan);

        c.promiseCallbackIn(Duration.between(CaseDriver.now(), CaseDriver.berlin("2026-11-23T09:05")));

        var callback = c.task("Task_CallCustomerBack");
        assertThat(callback).hasDueDate(Date.from(CaseDriver.berlin("2026-11-23T09:05")));
        assertThat(callback.getFollowUpDate()).as("15 working minutes before: 5 on Monday, 10 on Friday")
                .isEqualTo(Date.from(CaseDriver.berlin("2026-11-20T16:50")));
    }

    @Test
    void callbackTimeInThePastIsRefusedAndNothingIsPromised() {
        caseWhoseOwnerKnowsTheAnswer();
        assertThatThrownBy(() -> c.promiseCallbackIn(Duration.ofHours(-1)))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessageContaining("The callback time (callbackAt) Mon 23 Nov 2026, 08:00 CET has already passed")
                .hasMessageContaining("Pick a time from now on, when you will really call");

        assertThat(c.promises()).isEmpty();
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    @Test
    void customerNotReachedGetsAVoicemailAndTheOwnerTriesAgainAfterTheWait() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");

        assertThat(keepPromise()).hasPassed("Task_LeaveVoicemail").isWaitingAt("Gateway_AwaitCallback");
        var voicemail = c.messages().get(c.messages().size() - 1);
        assertThat(voicemail.kind()).isEqualTo(VOICEMAIL);
        assertThat(voicemail.body()).contains(c.reference, "+49 30 1234 5678");
        assertThat(c.promises().get(0).status()).as("we called at the promised time").isEqualTo(Promise.Status.KEPT);

        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("anna");

        c.callBack("Task_CallCustomerAgain", "reachedSolved");
        assertThat(c.instance).hasPassed("CallActivity_KeepPromise");
        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
    }

    /**
     * A call made after the promised time is a promise broken, also when it is recorded before the job executor got to
     * the timer that would have said so: it broke at the promised time, against whoever made the call then.
     */
    @Test
    void aCallAfterThePromisedTimeIsABrokenPromiseEvenBeforeItsTimerRan() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2));
        Instant due = c.promises().get(0).dueAt();

        c.timePasses(Duration.ofHours(2).plusMinutes(3));
        engine.getIdentityService().setAuthentication("anna", List.of("agents", "agents-en"));
        try {
            c.callBack("Task_CallCustomerBack", "reachedSolved");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThat(c.promises()).singleElement().satisfies(late -> {
            assertThat(late.status()).isEqualTo(Promise.Status.BROKEN);
            assertThat(late.brokenAt()).as("it broke when the promised time passed").isEqualTo(due);
            assertThat(late.brokenHolder()).isEqualTo("anna");
            assertThat(late.fulfilledAt()).isAfter(due);
        });
    }

    @Test
    void theVoicemailsNextCallIsAPromiseInTheLedgerAndTheRetryIsDueByTheTimeItStates() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");
        var voicemailAt = CaseDriver.now();

        var voicemail = c.messages().get(c.messages().size() - 1);
        assertThat(voicemail.body()).as("one retry wait to wait, one to make the call")
                .contains("We will try again by Monday, 23 November 2026, 14:00 CET.");
        assertThat(c.promises()).hasSize(2);
        assertThat(c.promises().get(0).status()).isEqualTo(Promise.Status.KEPT);
        assertThat(c.promises().get(1)).satisfies(retry -> {
            assertThat(retry.status()).isEqualTo(Promise.Status.OPEN);
            assertThat(retry.madeBy()).isEqualTo("anna");
            assertThat(retry.madeAt()).isEqualTo(voicemailAt);
            assertThat(retry.dueAt()).isEqualTo(voicemailAt.plus(Duration.ofHours(4)));
        });

        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        assertThat(c.task("Task_CallCustomerAgain")).hasDueDate(Date.from(voicemailAt.plus(Duration.ofHours(4))));
        c.callBack("Task_CallCustomerAgain", "reachedSolved");

        assertThat(c.promises()).extracting(Promise::status).containsExactly(Promise.Status.KEPT, Promise.Status.KEPT);
    }

    /**
     * C "Then, do what you promised": the voicemail's "we will try again by 14:00" is a promise like the first, so its
     * call gets the same reminder before it (callback.reminder-before, 15 working minutes) and shows in "About to
     * breach" then. It used to have a due date and no follow-up date: the retry never came up before it broke.
     */
    @Test
    void theVoicemailsNextCallIsFlaggedBeforeItIsDueAsTheFirstCallWas() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "notReached");
        var voicemailAt = CaseDriver.now();

        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");

        var retry = c.task("Task_CallCustomerAgain");
        assertThat(retry).hasDueDate(Date.from(voicemailAt.plus(Duration.ofHours(4))));
        assertThat(retry.getFollowUpDate()).as("15 working minutes before the time the voicemail stated")
                .isEqualTo(Date.from(voicemailAt.plus(Duration.ofHours(4)).minus(Duration.ofMinutes(15))));
    }

    /**
     * The retry wait counts in the plan's working hours, like every other deadline of the case: the voicemail states a
     * time the team can keep, the retry appears while the team works, and the promise breaks only at a working time.
     * Standard (Mon-Fri 09:00-17:00) on Friday 15:30 used to say "by Friday 19:30", two hours after closing.
     */
    @ParameterizedTest(name = "{0}: a voicemail at {1} retries at {2} and promises the call by {3}")
    @CsvSource({
            "standard,   2026-11-20T15:30, 2026-11-23T09:30, 2026-11-23T11:30, 'Monday, 23 November 2026, 11:30 CET'",
            "standard,   2026-11-20T15:30:41, 2026-11-23T09:30, 2026-11-23T11:30, 'Monday, 23 November 2026, 11:30 CET'",
            "premium,    2026-11-21T19:00, 2026-11-23T09:00, 2026-11-23T11:00, 'Monday, 23 November 2026, 11:00 CET'",
            "enterprise, 2026-11-20T15:30, 2026-11-20T17:30, 2026-11-20T19:30, 'Friday, 20 November 2026, 19:30 CET'"})
    void theVoicemailsNextCallIsCountedInThePlansWorkingHours(String plan, String voicemailAt, String retryAt,
                                                               String nextCallAt, String stated) {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(voicemailAt).minus(Duration.ofHours(2))));
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("plan", plan);
        caseWhoseOwnerKnowsTheAnswer(variables);
        c.promiseCallbackIn(Duration.ofHours(2)).timeIs(Date.from(CaseDriver.berlin(voicemailAt)))
                .callBack("Task_CallCustomerBack", "notReached");

        assertThat(c.messages().get(c.messages().size() - 1).body()).contains("We will try again by " + stated + ".");
        assertThat(c.promises().get(1).dueAt()).isEqualTo(CaseDriver.berlin(nextCallAt));
        assertThat(c.timerDueDate("Event_RetryWaitOver")).as("the retry appears while the team works")
                .isEqualTo(Date.from(CaseDriver.berlin(retryAt)));

        c.timeIs(Date.from(CaseDriver.berlin(retryAt))).timerFires("Event_RetryWaitOver");
        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("anna")
                .hasDueDate(Date.from(CaseDriver.berlin(nextCallAt)));
        assertThat(c.timerDueDate("Event_CallAgainDue")).as("broken only at the time the customer read")
                .isEqualTo(Date.from(CaseDriver.berlin(nextCallAt)));
    }

    /** The last voicemail's "our team lead decides by ..." is a working time too, and so is the timer on it. */
    @Test
    void theLastVoicemailOnAFridayAfternoonGivesTheTeamLeadADeadlineInWorkingHours() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-11-20T08:30")));
        Map<String, Object> standardPlan = new HashMap<>(CaseDriver.caseFromJane());
        standardPlan.put("plan", "standard");
        caseWhoseOwnerKnowsTheAnswer(standardPlan);
        c.promiseCallbackIn(Duration.ofMinutes(30))
                .timeIs(friday("09:00")).callBack("Task_CallCustomerBack", "notReached")
                .timeIs(friday("11:00")).timerFires("Event_RetryWaitOver")
                .timeIs(friday("13:00")).callBack("Task_CallCustomerAgain", "notReached")
                .timeIs(friday("15:00")).timerFires("Event_RetryWaitOver")
                .timeIs(friday("15:30")).callBack("Task_CallCustomerAgain", "notReached");

        Date mondayMorning = Date.from(CaseDriver.berlin("2026-11-23T09:30"));
        assertThat(c.messages().get(c.messages().size() - 1).body())
                .contains("our team lead decides by Monday, 23 November 2026, 09:30 CET how we go on.");
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasDueDate(mondayMorning);
        assertThat(c.timerDueDate("Event_UnreachableDecisionOverdue")).isEqualTo(mondayMorning);
    }

    private static Date friday(String time) {
        return Date.from(CaseDriver.berlin("2026-11-20T" + time));
    }

    @Test
    void theSupervisorsFormSaysThePromiseIsBrokenAsTheCaseRecordsIt() throws IOException {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue");

        assertThat(c.promises()).extracting(Promise::status).containsExactly(Promise.Status.BROKEN);
        String form;
        try (var deployed = engine.getFormService().getDeployedTaskForm(c.task("Task_KeepPromiseAtRisk").getId())) {
            form = new String(deployed.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // It said "about to be broken": a supervisor read that there was still time, of a customer already let down.
        assertThat(form).as("what maria reads on Keep the promise to …").contains("has been broken")
                .doesNotContain("about to be broken");
    }

    @Test
    void aRetryNotMadeByTheTimeTheVoicemailStatedIsBrokenAndASupervisorKeepsIt() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_KeepPromiseAtRisk");

        c.timePasses(Duration.ofHours(2)).timerFires("Event_CallAgainDue");

        assertThat(keepPromise()).hasPassed("Event_CallAgainDue", "Task_BreakPromise", "Gateway_PromiseAtRiskInHours")
                .isWaitingAt("Task_CallCustomerAgain");
        assertThat(c.promises()).extracting(Promise::status).containsExactly(Promise.Status.KEPT, Promise.Status.BROKEN);
        assertThat(c.task("Task_KeepPromiseAtRisk")).hasCandidateGroup("supervisors");
        assertThat(engine.getFormService().getTaskFormVariables(c.task("Task_KeepPromiseAtRisk").getId())
                .getValue("caseHeader", String.class)).as("the supervisor reads the attempts from the promise")
                .contains("Callback attempts so far:** 1");

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Calling now"));
        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("maria");
        c.callBack("Task_CallCustomerAgain", "reachedSolved");
        assertThat(c.promises().get(1)).satisfies(retry -> {
            assertThat(retry.status()).as("broken stays broken").isEqualTo(Promise.Status.BROKEN);
            assertThat(retry.takenOverBy()).isEqualTo("maria");
            assertThat(retry.fulfilledAt()).isEqualTo(CaseDriver.now());
        });
    }

    @Test
    void aNewTimeTheSupervisorAgreesIsANewPromiseWithItsOwnTimerAndTheBrokenOneStaysBroken() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue");
        var newTime = CaseDriver.now().plus(Duration.ofHours(3));

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction",
                "Called Jane, agreed a call this afternoon", "newCallbackAt",
                newTime.atOffset(java.time.ZoneOffset.ofHours(1)).toString()));

        assertThat(keepPromise()).hasPassed("Event_NewTimeAgreed").isWaitingAt("Task_CallCustomerBack");
        assertThat(c.promises()).extracting(Promise::status).containsExactly(Promise.Status.BROKEN, Promise.Status.OPEN);
        assertThat(c.promises().get(0).takenOverBy()).isEqualTo("maria");
        assertThat(c.promises().get(1)).satisfies(again -> {
            assertThat(again.madeBy()).isEqualTo("maria");
            assertThat(again.dueAt()).isEqualTo(newTime);
        });
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, PROMISE_CONFIRMATION, PROMISE_CONFIRMATION);
        assertThat(c.messages().get(2).body()).contains("Maria");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria").hasDueDate(Date.from(newTime));
        assertThat(c.timerDueDate("Event_CallbackDue")).isEqualTo(Date.from(newTime));

        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");
        assertThat(c.promises()).extracting(Promise::status).containsExactly(Promise.Status.BROKEN, Promise.Status.BROKEN);
        assertThat(c.task("Task_KeepPromiseAtRisk")).as("Maria's own promise: above her, not her peers")
                .hasCandidateGroup("camunda-admin");
    }

    @Test
    void aNewTimeAgreedOnARetryTheVoicemailPromisedIsANewPromiseToo() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                .timePasses(Duration.ofHours(2)).timerFires("Event_CallAgainDue");
        var newTime = CaseDriver.now().plus(Duration.ofHours(1));

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Reached Jane",
                "newCallbackAt", newTime.atOffset(java.time.ZoneOffset.ofHours(1)).toString()));

        assertThat(keepPromise()).hasPassed("Event_NewTimeAgreedOnRetry").isWaitingAt("Task_CallCustomerBack");
        assertThat(c.promises()).extracting(Promise::status)
                .containsExactly(Promise.Status.KEPT, Promise.Status.BROKEN, Promise.Status.OPEN);
        c.callBack("Task_CallCustomerBack", "reachedSolved");
        assertThat(c.promises().get(2).status()).isEqualTo(Promise.Status.KEPT);
    }

    /**
     * The first callback was late, so the supervisors were asked to make sure it is made; anna then makes it and
     * reaches Jane's voicemail. The call they were to make sure of is made: their step is withdrawn (nothing is left
     * to make sure of), and the promise stays recorded broken. When the retry the voicemail promised is late too, it
     * brings in one step of its own. The first step used to stay open beside the second, asking for a call that had
     * been made.
     */
    @Test
    void theCallMadeWithdrawsItsKeepPromiseAtRiskAndALateRetryBringsInOneOfItsOwn() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue");
        assertThat(atRisk()).hasSize(1);

        c.callBack("Task_CallCustomerBack", "notReached");

        assertThat(atRisk()).as("the call it asked for was made").isEmpty();
        assertThat(c.promises().get(0).status()).as("broken stays broken").isEqualTo(Promise.Status.BROKEN);

        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver").timePasses(Duration.ofHours(2))
                .timerFires("Event_CallAgainDue");
        assertThat(atRisk()).as("one step for the late retry").hasSize(1);
        c.callBack("Task_CallCustomerAgain", "notReached");
        assertThat(atRisk()).isEmpty();
    }

    /**
     * Maria has "Keep the promise at risk" open in Tasklist; meanwhile anna makes the call, which withdraws the step.
     * Maria submits what she did, with a new time she agreed with Jane: she gets a 409 saying the call was made already
     * and that her new time was not promised, so she tells anna; nothing changes. It was a 500 ("Cannot find task"),
     * in Tasklist too. The form's new time tells her to reload the task before she agrees one.
     */
    @Test
    void aSupervisorSubmittingTheStepAfterTheCallWasMadeHearsSoAndNothingChanges() throws Exception {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue");
        String step = c.task("Task_KeepPromiseAtRisk").getId();
        try (var form = engine.getFormService().getDeployedTaskForm(step)) {
            assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the form tells her to check before she agrees a time")
                    .contains("Reload this task before you agree one: if the callback was made meanwhile");
        }
        c.callBack("Task_CallCustomerBack", "notReached");
        List<Promise> before = c.promises();

        String newTime = CaseDriver.now().plus(Duration.ofHours(3)).atZone(java.time.ZoneId.of("Europe/Berlin"))
                .toLocalDateTime().toString();
        var submitted = new AppHttp(port).postJson("/engine-rest/task/" + step + "/submit-form", "maria:maria", """
                {"variables": {"takeover": {"value": "myself"}, "supervisorAction": {"value": "Agreed 15:00 with Jane"},
                 "newCallbackAt": {"value": "%s"}}}""".formatted(newTime));

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(409);
        assertThat(submitted.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        assertThat(submitted.body()).contains("The callback was made meanwhile, by Anna")
                .contains("nothing you entered was saved")
                .contains("\"field\":\"taskId\"").contains("\"field\":\"newCallbackAt\"")
                .contains("The new time you agreed with the customer is not promised");
        assertThat(c.promises()).as("nothing changed").isEqualTo(before);

        var withoutNewTime = new AppHttp(port).postJson("/engine-rest/task/" + step + "/submit-form", "maria:maria",
                "{\"variables\": {\"takeover\": {\"value\": \"myself\"}}}");
        assertThat(withoutNewTime.statusCode()).as(withoutNewTime.body()).isEqualTo(409);
        assertThat(withoutNewTime.body()).contains("The callback was made meanwhile").doesNotContain("newCallbackAt")
                .contains("\"errors\":[{\"field\":\"taskId\",\"message\":\"was withdrawn: the callback was made");
        var tasklist = new AppHttp(port).signIn("tasklist", "maria");
        var inTasklist = tasklist.postJson("/camunda/api/engine/engine/default/task/" + step + "/submit-form",
                "{\"variables\": {}}");
        assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(409);
        assertThat(inTasklist.body()).contains("\"message\":\"The callback was made meanwhile, by Anna Clarke");
        var notHers = new AppHttp(port).postJson("/engine-rest/task/" + step + "/submit-form", "anna:anna",
                "{\"variables\": {}}");
        assertThat(notHers.statusCode()).as("not offered to anna: 404, as for no such task").isEqualTo(404);
    }

    private List<String> atRisk() {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_KeepPromiseAtRisk").list().stream().map(t -> t.getId()).toList();
    }

    @Test
    void aNewTimeThatCannotBeKeptIsRefusedAndTheTakeoverStaysOpen() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue");

        assertThatThrownBy(() -> c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                "supervisorAction", "Agreed a time", "newCallbackAt",
                CaseDriver.now().plus(Duration.ofMinutes(2)).atOffset(java.time.ZoneOffset.ofHours(1)).toString())))
                .hasMessageContaining("is less than 5 minutes from now");

        assertThat(c.task("Task_KeepPromiseAtRisk")).isNotNull();
        assertThat(c.promises()).hasSize(1);
        assertThat(c.promises().get(0).takenOverBy()).isNull();
    }

    @Test
    void customerWhoCallsInEndsTheWait() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");

        inbox.customerCalledIn(c.reference, "Jane called back");
        c.runAsyncSteps();

        assertThat(keepPromise()).hasPassed("Event_CustomerCalledIn").hasNotPassed("Event_RetryWaitOver");
        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("anna");
        assertThat(c.messages()).as("what Jane said is on the case, for anna's call")
                .filteredOn(m -> m.direction() == CustomerMessage.Direction.INBOUND)
                .extracting(CustomerMessage::channel, CustomerMessage::body)
                .containsExactly(tuple("phone", "Jane called back"));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_AnswerCustomerMessage").count()).as("the call anna makes answers it").isZero();
    }

    @Test
    void callFromACustomerNoCallbackWaitsForIsAttachedToTheCase() {
        caseWhoseOwnerKnowsTheAnswer();
        inbox.customerCalledIn(c.reference, "Jane called to ask how it is going");
        c.runAsyncSteps();

        assertThat(engine.getTaskService().getVariable(c.task("Task_AnswerCustomerMessage").getId(), "inboundText"))
                .isEqualTo("Jane called to ask how it is going");
    }

    private void everyAttemptEndsInAVoicemail() {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver").callBack("Task_CallCustomerAgain", "notReached");
        }
    }

    @Test
    void afterTheLastAttemptASupervisorDecidesInsteadOfTheLoopGoingOn() {
        everyAttemptEndsInAVoicemail();

        assertThat(c.messagesSent()).filteredOn(kind -> kind == VOICEMAIL).hasSize(3);
        assertThat(keepPromise()).as("max-attempts is 3: no fourth call, no new promise without a decision")
                .isWaitingAt("Task_DecideCustomerUnreachable");
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasCandidateGroup("supervisors");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_PromiseCallback").count()).isZero();
    }

    /**
     * Every call ended in a voicemail, and a progress update falls due (every hour on premium, urgent) while the
     * supervisors decide whether we keep trying or write and close. It never said a call is agreed (the last call
     * fulfilled the voicemail's promise: Promises.pendingCallback finds none), but it said only "we don't have an
     * answer for you yet, but we are working on your case", and nothing of the decision. It says what the last
     * voicemail and the last reminder of a question say: how we go on is decided by the time the voicemail named,
     * and either way we write to them; no call.
     */
    @Test
    void aProgressUpdateWhileTheSupervisorsDecideOnAnUnreachableCustomerSaysHowWeGoOnIsDecided() {
        Map<String, Object> urgent = CaseDriver.caseFromJane();
        urgent.put("priority", "urgent");
        caseWhoseOwnerKnowsTheAnswer(urgent);
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timeIs(c.timerDueDate("Event_RetryWaitOver")).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }
        Date decisionDue = c.task("Task_DecideCustomerUnreachable").getDueDate();
        String voicemail = c.messages().get(c.messages().size() - 1).body();
        String statedTime = voicemail.substring(voicemail.indexOf("decides by ") + "decides by ".length(),
                voicemail.indexOf(" how we go on"));
        while (!c.messagesSent().contains(PROGRESS_UPDATE)) {
            Date updateDue = c.timerDueDate("StartEvent_UpdateIntervalPassed");
            assertThat(updateDue).as("the update falls due while the supervisors decide").isBefore(decisionDue);
            c.timeIs(updateDue).timerFires("StartEvent_UpdateIntervalPassed");
        }
        assertThat(c.task("Task_DecideCustomerUnreachable")).as("the decision still open").isNotNull();

        assertThat(c.messagesSent()).last().isEqualTo(PROGRESS_UPDATE);
        assertThat(c.messages().get(c.messages().size() - 1).body())
                .contains("we could not reach you by phone about your case " + c.reference + ", and how we go on is"
                        + " decided by " + statedTime + ".")
                .contains("Either way, we will then write to you: with a new time for our call, or with the"
                        + " solution as far as we know it.")
                .doesNotContain("as agreed", "calls you", "as promised");
        assertThat(statedTime).as("the time the last voicemail named").contains("November 2026");

        c.timeIs(c.timerDueDate("Event_UnreachableDecisionOverdue")).timerFires("Event_UnreachableDecisionOverdue");
        String pending = c.messages().get(c.messages().size() - 1).body();
        int stated = pending.indexOf("decides by ") + "decides by ".length();
        String administratorsTime = pending.substring(stated, pending.indexOf(" how we go on", stated));
        int updates = c.messagesSent().lastIndexOf(PROGRESS_UPDATE);
        while (c.messagesSent().lastIndexOf(PROGRESS_UPDATE) == updates) {
            c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");
        }
        assertThat(c.task("Task_DecideCustomerUnreachableNow")).as("the administrators decide").isNotNull();
        assertThat(c.messages().get(c.messages().size() - 1).body()).as("the time the customer was told last")
                .contains("and how we go on is decided by " + administratorsTime + ". Either way, we will then write");
    }

    /**
     * The last call is made on the same form as every other: what it tells the caller follows a call that does not
     * reach the customer must hold then too. It said "the callback is tried again", which after the last attempt
     * nothing does: a supervisor decides instead.
     */
    @Test
    void theCallFormSaysWhatFollowsAMissedCallAlsoOnTheLastAttempt() throws IOException {
        caseWhoseOwnerKnowsTheAnswer();
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                .callBack("Task_CallCustomerAgain", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        Task lastCall = c.task("Task_CallCustomerAgain");
        UserTask callAgain = engine.getRepositoryService().getBpmnModelInstance(lastCall.getProcessDefinitionId())
                .getModelElementById(lastCall.getTaskDefinitionKey());
        String guidance = new ObjectMapper().readTree(Path.of("forms", callAgain.getCamundaFormRef() + ".form")
                .toFile()).findValues("text").stream().map(JsonNode::asText)
                .filter(text -> text.contains("voicemail")).findFirst().orElseThrow();

        assertThat(guidance).contains("a voicemail with the reference and number goes out automatically",
                "after the last attempt a supervisor decides whether we keep trying or write to them");
        c.callBack("Task_CallCustomerAgain", "notReached");
        assertThat(keepPromise()).as("the last attempt: no further call").isWaitingAt("Task_DecideCustomerUnreachable");
    }

    @Test
    void supervisorWhoKeepsTryingSendsTheOwnerToPromiseANewTime() {
        everyAttemptEndsInAVoicemail();

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "keepTrying"));

        assertThat(c.instance).hasPassed("CallActivity_KeepPromise");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(c.messagesSent()).doesNotContain(CUSTOMER_UNREACHABLE);
    }

    /**
     * After "keep trying" the voicemail's "we will then write to you: with a new time for our call" rests on the
     * owner's Promise a callback. It had no timer: an owner who never promised left the customer with progress
     * updates, and nobody was brought in. At its due date the supervisors are asked to make sure the new time goes
     * out; the owner's promise ends their task.
     */
    @Test
    void aNewTimeNotPromisedAfterKeepTryingBringsInTheSupervisorsUntilTheOwnerPromisesIt() {
        everyAttemptEndsInAVoicemail();
        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "keepTrying"));
        Date promiseDue = c.task("Task_PromiseCallback").getDueDate();
        assertThat(c.timerDueDate("Event_NewCallTimeOverdue")).as("the owner's due date").isEqualTo(promiseDue);

        c.timeIs(promiseDue).timerFires("Event_NewCallTimeOverdue");

        assertThat(c.task("Task_MakeSureNewCallTimeIsPromised")).hasCandidateGroup("supervisors")
                .hasDueDate(promiseDue);
        assertThat(c.task("Task_PromiseCallback")).as("the promise stays the owner's").isAssignedTo("anna");

        c.promiseCallbackIn(Duration.ofHours(2));
        assertThat(c.messagesSent()).last().isEqualTo(PROMISE_CONFIRMATION);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_MakeSureNewCallTimeIsPromised").count())
                .as("the new time is out: nothing left to make sure of").isZero();
    }

    /** The same after the administrators decide "keep trying"; a supervisor who made sure ends only that task. */
    @Test
    void aNewTimeNotPromisedAfterTheAdministratorsKeepTryingBringsInTheSupervisorsToo() {
        theSupervisorsDecideNothingByTheStatedTime();
        c.complete("Task_DecideCustomerUnreachableNow", "demo", Map.of("unreachableDecision", "keepTrying"));

        c.timeIs(c.task("Task_PromiseCallback").getDueDate()).timerFires("Event_NewCallTimeOverdue")
                .complete("Task_MakeSureNewCallTimeIsPromised", "maria",
                        Map.of("supervisorAction", "Asked anna to promise the customer a time today"));

        assertThat(c.instance).hasPassed("EndEvent_NewCallTimeMadeSure");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    /**
     * Left undone for one update interval of the plan's working time, the supervisors' step brings in the
     * administrators, as every other supervisors' step does; the owner's promise then ends both tasks.
     */
    @Test
    void aNewTimeStillNotPromisedAfterKeepTryingBringsInTheAdministratorsUntilTheOwnerPromisesIt() {
        everyAttemptEndsInAVoicemail();
        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "keepTrying"));
        c.timeIs(c.task("Task_PromiseCallback").getDueDate()).timerFires("Event_NewCallTimeOverdue");
        Date window = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_NewCallTimeStillNotPromised")).isEqualTo(window);

        c.timeIs(window).timerFires("Event_NewCallTimeStillNotPromised");

        assertThat(c.task("Task_MakeSureNewCallTimeIsPromisedNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_MakeSureNewCallTimeIsPromised")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        assertThat(c.caseFact(jdbc, "administrator_escalations")).as("insights count the administrators brought in")
                .isOne();
        c.promiseCallbackIn(Duration.ofHours(2));
        assertThat(c.messagesSent()).last().isEqualTo(PROMISE_CONFIRMATION);
        assertThat(c.openTasks()).as("the new time is out: nothing left to make sure of, for either")
                .extracting(Task::getTaskDefinitionKey)
                .doesNotContain("Task_MakeSureNewCallTimeIsPromised", "Task_MakeSureNewCallTimeIsPromisedNow");
        assertThat(c.instance).hasPassed("EndEvent_NewCallTimePromisedMeanwhile");
    }

    /** The administrators' completion ends only their task; what they did joins "Who stepped in". */
    @Test
    void anAdministratorWhoMakesSureOfTheNewTimeLeavesTheSupervisorsTaskOpen() {
        everyAttemptEndsInAVoicemail();
        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "keepTrying"));
        c.timeIs(c.task("Task_PromiseCallback").getDueDate()).timerFires("Event_NewCallTimeOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_NewCallTimeStillNotPromised");

        c.complete("Task_MakeSureNewCallTimeIsPromisedNow", "demo",
                Map.of("chaseNote", "Called Jane myself: Anna calls her tomorrow at 10:00"));

        assertThat(c.instance).hasPassed("EndEvent_NewCallTimeMadeSureByAdministrators")
                .hasNotPassed("EndEvent_NewCallTimeMadeSure");
        assertThat(c.openTasks()).as("nothing decided for the supervisors or the owner")
                .extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder("Task_MakeSureNewCallTimeIsPromised", "Task_PromiseCallback");
        assertThat((String) c.variable("supervisorActions")).contains("Anna calls her tomorrow at 10:00");
    }

    /** A supervisor who makes sure after the administrators came in ends the administrators' task with theirs. */
    @Test
    void aSupervisorWhoMakesSureOfTheNewTimeAfterTheAdministratorsCameInEndsTheirTask() {
        everyAttemptEndsInAVoicemail();
        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "keepTrying"));
        c.timeIs(c.task("Task_PromiseCallback").getDueDate()).timerFires("Event_NewCallTimeOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_NewCallTimeStillNotPromised");

        c.complete("Task_MakeSureNewCallTimeIsPromised", "maria",
                Map.of("supervisorAction", "Anna promises the customer a time within the hour"));

        assertThat(c.instance).hasPassed("EndEvent_NewCallTimeMadeSure");
        assertThat(c.openTasks()).as("nothing left for the administrators").extracting(Task::getTaskDefinitionKey)
                .containsExactly("Task_PromiseCallback");
    }

    /** A first promise (no voicemail told the customer we write a new time) late brings in nobody, as before. */
    @Test
    void aFirstPromiseNotMadeByItsDueDateBringsInNobody() {
        caseWhoseOwnerKnowsTheAnswer();

        c.timeIs(c.task("Task_PromiseCallback").getDueDate()).timerFires("Event_NewCallTimeOverdue");

        assertThat(c.instance).hasPassed("EndEvent_NoNewCallTimeOwed");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_MakeSureNewCallTimeIsPromised").count()).isZero();
    }

    @Test
    void supervisorWhoStopsCallingHasTheCustomerToldInWritingAndTheCaseGoesToBeResolved() {
        everyAttemptEndsInAVoicemail();

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));
        c.runAsyncSteps();

        var letter = c.messages().get(c.messages().size() - 1);
        assertThat(letter.kind()).isEqualTo(CUSTOMER_UNREACHABLE);
        assertThat(letter.body()).contains(c.reference, "+1 555 0100", "+49 30 1234 5678", "could not reach you");
        assertThat(c.instance).hasPassed("CallActivity_KeepPromise");
        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
    }

    @Test
    void theLastVoicemailSaysWhenASupervisorDecidesAndPromisesNoCallNobodyMayMake() {
        everyAttemptEndsInAVoicemail();

        var last = c.messages().get(c.messages().size() - 1);
        assertThat(last.kind()).isEqualTo(VOICEMAIL);
        assertThat(last.body())
                .contains("Because we could not reach you, our team lead decides by Monday, 23 November 2026, 15:00 CET"
                        + " how we go on.")
                .contains("Either way, we will then write to you: with a new time for our call, or with the solution as"
                        + " far as we know it.")
                .doesNotContain("agree on a new time", "try again by");
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
        assertThat(c.timerDueDate("Event_UnreachableDecisionOverdue")).isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
    }

    /** The supervisors let the time the last voicemail stated pass: the decision goes up, the timer makes none. */
    private void theSupervisorsDecideNothingByTheStatedTime() {
        everyAttemptEndsInAVoicemail();
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
        c.timePasses(Duration.ofHours(2)).timerFires("Event_UnreachableDecisionOverdue");
    }

    @Test
    void undecidedByTheStatedTimeTheDecisionGoesUpToTheAdministratorsAndIsNotTakenByTheTimer() {
        theSupervisorsDecideNothingByTheStatedTime();

        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_PromiseCallback").count()).as("the timer decided nothing").isZero();
        assertThat(keepPromise()).as("the decision is still open, with the administrators")
                .isWaitingAt("Task_DecideCustomerUnreachableNow");
        assertThat(c.task("Task_DecideCustomerUnreachableNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
        assertThat(c.instance).isWaitingAt("CallActivity_KeepPromise");
        assertThat(c.caseFact(jdbc, "administrator_escalations")).as("insights count the administrators brought in")
                .isOne();
    }

    @Test
    void undecidedByTheStatedTimeTheCustomerHearsWhoNowDecidesAndByWhen() {
        theSupervisorsDecideNothingByTheStatedTime();

        var letter = c.messages().get(c.messages().size() - 1);
        assertThat(letter.kind().modelName()).isEqualTo("unreachableDecisionPending");
        assertThat(letter.body())
                .contains(c.reference, "our management decides by Monday, 23 November 2026, 17:00 CET how we go on.")
                .contains("Either way, we will then write to you: with a new time for our call, or with the solution as"
                        + " far as we know it.");
    }

    @Test
    void administratorWhoKeepsTryingSendsTheOwnerToPromiseANewTime() {
        theSupervisorsDecideNothingByTheStatedTime();

        c.complete("Task_DecideCustomerUnreachableNow", "demo", Map.of("unreachableDecision", "keepTrying"));

        assertThat(c.instance).hasPassed("CallActivity_KeepPromise");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(c.messagesSent()).doesNotContain(CUSTOMER_UNREACHABLE);
    }

    @Test
    void administratorWhoStopsCallingHasTheCustomerToldInWriting() {
        theSupervisorsDecideNothingByTheStatedTime();

        c.complete("Task_DecideCustomerUnreachableNow", "demo", Map.of("unreachableDecision", "writeAndClose"));

        assertThat(c.messagesSent().get(c.messagesSent().size() - 1)).isEqualTo(CUSTOMER_UNREACHABLE);
        assertThat(c.instance).hasPassed("CallActivity_KeepPromise");
        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
    }

    @Test
    void administratorsUndecidedByTheNewTimeTellTheCustomerANewTimeAgainAndKeepTheDecision() {
        theSupervisorsDecideNothingByTheStatedTime();

        c.timePasses(Duration.ofHours(2)).timerFires("Event_UnreachableDecisionNowOverdue");

        assertThat(c.messages().stream().filter(m -> m.kind().modelName().equals("unreachableDecisionPending")))
                .hasSize(2);
        assertThat(c.task("Task_DecideCustomerUnreachableNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_PromiseCallback").count()).isZero();
    }

    // --- a promise the owner could not keep is refused at the form step, with the reason ---------------------------

    private void assertNothingPromised() {
        assertThat(c.promises()).isEmpty();
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT);
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(c.instance).hasNotPassed("Task_PromiseCallback");
    }

    @Test
    void theFormTellsTheOwnerTheWindowUpFront() {
        caseWhoseOwnerKnowsTheAnswer();

        var variables = engine.getFormService().getTaskFormVariables(c.task("Task_PromiseCallback").getId());
        assertThat(variables.getValue("callbackMinLead", String.class)).isEqualTo("5 minutes");
        assertThat(variables.getValue("callbackMaxAhead", String.class)).isEqualTo("30 days");
    }

    @Test
    void callbackLessThanFiveMinutesAheadIsRefusedAndFiveMinutesIsAccepted() {
        caseWhoseOwnerKnowsTheAnswer();

        assertThatThrownBy(() -> c.promiseCallbackIn(Duration.ofMinutes(4)))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessage("The callback time (callbackAt) Mon 23 Nov 2026, 09:04 CET is less than 5 minutes from now."
                        + " Give yourself"
                        + " time to prepare the call, and the customer time to read your promise: pick Mon 23 Nov 2026,"
                        + " 09:05 CET or later.");
        assertNothingPromised();

        c.promiseCallbackIn(Duration.ofMinutes(5));
        assertThat(c.promises()).singleElement().extracting(p -> p.dueAt()).isEqualTo(CaseDriver.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void callbackMoreThanThirtyDaysAheadIsRefusedAndThirtyDaysIsAccepted() {
        caseWhoseOwnerKnowsTheAnswer();

        assertThatThrownBy(() -> c.promiseCallbackIn(Duration.ofDays(30).plusMinutes(15)))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessageStartingWith("The callback time (callbackAt) Wed 23 Dec 2026, 09:15 CET is more than 30 days"
                        + " ahead. Check the"
                        + " month and year");
        assertNothingPromised();

        c.promiseCallbackIn(Duration.ofDays(30));
        assertThat(c.promises()).hasSize(1);
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT, PROMISE_CONFIRMATION);
    }

    private void promiseCallbackAt(String typed) {
        engine.getTaskService().complete(c.task("Task_PromiseCallback").getId(), Map.of(
                "nextActions", "Ask billing to reverse the second debit", "callbackAt", typed,
                "callbackNumber", "+1 555 0100"));
    }

    @Test
    void aCallbackAtAClockTimeThatTheSpringClockChangeSkipsIsRefusedAndNothingIsPromised() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-03-28T10:00")));
        caseWhoseOwnerKnowsTheAnswer();

        assertThatThrownBy(() -> promiseCallbackAt("2026-03-29T02:30"))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessage("The callback time (callbackAt) 2026-03-29T02:30 does not exist in Europe/Berlin: that night"
                        + " the clocks go forward from 02:00 to 03:00. Pick 03:00 or later.");
        assertNothingPromised();
    }

    @Test
    void aCallbackAtAClockTimeThatTheAutumnClockChangeRepeatsIsRefusedUnlessItsOffsetSaysWhichOne() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-10-24T10:00")));
        caseWhoseOwnerKnowsTheAnswer();

        assertThatThrownBy(() -> promiseCallbackAt("2026-10-25T02:30"))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessage("The callback time (callbackAt) 2026-10-25T02:30 happens twice in Europe/Berlin: that night"
                        + " the clocks go back from 03:00 to 02:00. Pick another time, or give the offset:"
                        + " 2026-10-25T02:30+02:00 (the first) or 2026-10-25T02:30+01:00 (the second).");
        assertNothingPromised();

        promiseCallbackAt("2026-10-25T02:30+01:00");
        assertThat(c.promises()).singleElement().extracting(p -> p.dueAt())
                .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void nextActionsOfOnlySpacesAreRefusedBecauseTheCustomerGetsThemInWriting() {
        caseWhoseOwnerKnowsTheAnswer();
        String taskId = c.task("Task_PromiseCallback").getId();
        Map<String, Object> entered = new HashMap<>(Map.of("nextActions", "  \n\t ", "callbackNumber", "+1 555 0100",
                "callbackAt", CaseDriver.now().plus(Duration.ofHours(2)).toString()));

        assertThatThrownBy(() -> engine.getTaskService().complete(taskId, entered))
                .isInstanceOf(InvalidPromiseException.class)
                .hasMessage("Say what you will do next (nextActions): the customer gets it in writing, so it cannot be"
                        + " empty or only spaces");
        assertNothingPromised();
    }
}
