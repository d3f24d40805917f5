package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.communication.MessageKind;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * A late callback a supervisor hands over ("Keep the promise at risk" without a new time) is the caller's to make in
 * one retry wait of the plan's working hours: the callback is due then, and a timer brings in the supervisors again
 * if it is not made by then. Before, the callback stayed due at the promised time that had passed, no timer was left
 * on it, and a colleague who did nothing was never chased.
 */
@ProcessTest
class PromiseHandOverProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CustomerTimes times;

    @BeforeEach
    void liamJoinsTheTeam() {
        CaseDriver.joins(engine, "liam", "Liam", "Walsh", "agents-en");
    }

    @AfterEach
    void liamLeaves() {
        engine.getIdentityService().deleteUser("liam");
    }

    private CaseDriver handedToLiam() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10));
        return c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "colleague", "colleague", "liam",
                "supervisorAction", "Liam is free and calls now"));
    }

    @Test
    void theColleagueGetsTheCallbackDueAheadWithATimerAtThatTime() {
        CaseDriver c = handedToLiam();

        Task callback = c.task("Task_CallCustomerBack");
        assertThat(callback).isAssignedTo("liam");
        assertThat(callback.getDueDate()).as("due ahead, not at the promised time that has passed")
                .isAfter(Date.from(CaseDriver.now()));
        assertThat(c.timerDueDate("Event_HandedOverCallDue")).isEqualTo(callback.getDueDate());
        assertThat(callback.getFollowUpDate()).as("flagged before the new due time, not since the promised one")
                .isAfterOrEqualTo(Date.from(CaseDriver.now())).isBefore(callback.getDueDate());
        assertThat(c.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.BROKEN);
    }

    /**
     * The colleague reads under the task's name when the call is due and when it is flagged, as the task has them:
     * the follow-up time it said for the promised call, long past, would tell them it was late already. And whose
     * promise it is: it read "You promised to call Jane Doe back", to Liam, who had promised nothing.
     */
    @Test
    void theColleaguesCallbackSaysItsNewDueAndFollowUpTimes() {
        Task callback = handedToLiam().task("Task_CallCustomerBack");

        assertThat(callback.getDescription()).as("Liam promised nothing: the promise is ours, whoever keeps it")
                .startsWith("We promised to call Jane Doe back on +1 555 0100. Keep the promise.")
                .contains("Due " + times.forTeam(callback.getDueDate()) + ".")
                .endsWith(" Follow up from " + times.forTeam(callback.getFollowUpDate()) + ".")
                .containsOnlyOnce("Follow up from");
    }

    /**
     * The guidance on Liam's form: the promise is ours, and the next diagnosis is the case owner's. It read "**Do what
     * you promised.** ... carry out the next actions you promised. ... On an open case you then diagnose the problem
     * again", to a colleague who had promised nothing and does not own the case.
     */
    @Test
    void theColleaguesCallbackFormSaysWhosePromiseItIs() throws IOException {
        Task callback = handedToLiam().task("Task_CallCustomerBack");

        assertThat(guidance(callback)).contains("**Keep the promise.** Call {{shownCustomerName}} on"
                        + " {{shownCallbackNumber}} and carry out the next actions we promised.")
                .contains("diagnosed again, with what the call taught us, by the case's owner")
                .doesNotContainIgnoringCase("you promised").doesNotContain("you then diagnose");
    }

    /** The text the task's deployed form shows above its fields. */
    private String guidance(Task task) throws IOException {
        StringBuilder texts = new StringBuilder();
        try (var deployed = engine.getFormService().getDeployedTaskForm(task.getId())) {
            for (JsonNode component : new ObjectMapper().readTree(deployed).path("components")) {
                if ("text".equals(component.path("type").asText())) {
                    texts.append(component.path("text").asText()).append('\n');
                }
            }
        }
        return texts.toString();
    }

    /** Like every deadline, the handed-over call counts from the minute of the hand-over, not its second. */
    @Test
    void theHandedOverCallIsDueOnTheMinute() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofSeconds(10 * 60 + 37));
        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "colleague", "colleague", "liam",
                "supervisorAction", "Liam is free and calls now"));

        Date due = c.task("Task_CallCustomerBack").getDueDate();
        assertThat(due.toInstant().getEpochSecond() % 60).as("seconds of %s", due).isZero();
        assertThat(c.timerDueDate("Event_HandedOverCallDue")).isEqualTo(due);
    }

    /**
     * The header of Liam's callback says both: the promise was broken, and by when he is to call now; overdue only
     * once that time passes without the call. It read only "Callback promised for: by <the passed time> ·
     * **overdue**", so the colleague who held the call was not told by when to make it.
     */
    @Test
    void theHeaderSaysThePromiseBrokenAndByWhenTheHandedOverCallIsDue() {
        CaseDriver c = handedToLiam();
        Task callback = c.task("Task_CallCustomerBack");
        Date promised = (Date) engine.getRuntimeService()
                .getVariable(callback.getProcessInstanceId(), "callbackDueAt");
        String handedOver = "- **Callback promised for:** by " + times.forTeam(promised) + " · broken · handed over:"
                + " call by " + times.forTeam(callback.getDueDate());

        assertThat(callbackLine(callback)).isEqualTo(handedOver);

        c.timeIs(callback.getDueDate()).dueTimersFire().timePasses(Duration.ofMinutes(1));

        assertThat(callbackLine(c.task("Task_CallCustomerBack"))).isEqualTo(handedOver + " · **overdue**");
    }

    /**
     * Liam's calls did not reach Jane, the last one made late: the supervisor deciding what now reads that call made,
     * late, not overdue. Nothing recorded the call in the case, so its deadline read "**overdue**".
     */
    @Test
    void aCallbackMadeLateIsDoneLateNotOverdue() {
        CaseDriver c = handedToLiam();
        c.timePasses(Duration.ofMinutes(20)).callBack("Task_CallCustomerBack", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver").callBack("Task_CallCustomerAgain",
                "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        Date due = c.task("Task_CallCustomerAgain").getDueDate();
        c.timeIs(Date.from(due.toInstant().plus(Duration.ofMinutes(30)))).callBack("Task_CallCustomerAgain",
                "notReached");

        assertThat(callbackLine(c.task("Task_DecideCustomerUnreachable"))).isEqualTo("- **Callback promised for:** by "
                + times.forTeam(due) + " · done late, " + times.forTeam(Date.from(CaseDriver.now())));
    }

    /** The header's callback line on the task's form. */
    private String callbackLine(Task task) {
        return engine.getFormService().getTaskFormVariables(task.getId()).getValue("caseHeader", String.class)
                .lines().filter(line -> line.startsWith("- **Callback promised for")).findFirst().orElseThrow();
    }

    @Test
    void aColleagueWhoDoesNotCallEitherBringsInTheSupervisorsAgain() {
        CaseDriver c = handedToLiam();
        Date due = c.task("Task_CallCustomerBack").getDueDate();

        c.timeIs(due).dueTimersFire();

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).as("Liam is no supervisor")
                .containsExactly("supervisors");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("liam");

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                "supervisorAction", "Liam is ill; I call Jane now"));
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");
        assertThat(c.task("Task_CallCustomerBack").getDueDate()).isAfter(Date.from(CaseDriver.now()));
    }

    /**
     * Two supervisors' steps on one case: Maria handed the late call to Liam with what Jane told her, Liam did not call
     * either, and Maria took it herself. The owner's next step shows what each step did, in order: the second note used
     * to replace the first in the case header, and with it what Jane had told her.
     */
    @Test
    void theOwnerReadsWhatEachSupervisorStepDidInOrder() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10))
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "colleague", "colleague", "liam",
                        "supervisorAction", "Jane told me the refund must go to her Visa ending 4242; Liam calls"));
        c.timeIs(c.task("Task_CallCustomerBack").getDueDate()).dueTimersFire()
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                        "supervisorAction", "Liam is ill; I call Jane now"))
                .callBack("Task_CallCustomerBack", "reachedSolved");

        String header = engine.getFormService().getTaskFormVariables(c.task("Task_ResolveProblem").getId())
                .getValue("caseHeader", String.class);
        assertThat(header).as("what each supervisor step did, the earlier first")
                .containsSubsequence("#### Who stepped in", "Visa ending 4242", "Liam is ill; I call Jane now");
    }

    /**
     * The supervisors' second "Keep the promise at risk" on one promise asks afresh what they did: it used to open with
     * the first step's note filled in (Tasklist fills a field from the case's variable of that name), which passed the
     * refusal of a blank note when submitted as it was.
     */
    @Test
    void theSecondStepOnOnePromiseOpensWithAnEmptyNoteAndItsOwnNoteIsRequired() {
        CaseDriver c = handedToLiam();
        c.timeIs(c.task("Task_CallCustomerBack").getDueDate()).dueTimersFire();

        Task second = c.task("Task_KeepPromiseAtRisk");
        assertThat(engine.getFormService().getTaskFormVariables(second.getId())
                .getValue("supervisorAction", String.class)).as("the second step's note starts empty").isNullOrEmpty();

        engine.getTaskService().claim(second.getId(), "maria");
        assertThatThrownBy(() -> engine.getFormService().submitTaskForm(second.getId(),
                Map.of("takeover", "myself", "supervisorAction", ""))).hasMessageContaining("supervisorAction");
        engine.getFormService().submitTaskForm(second.getId(), Map.of("takeover", "myself",
                "supervisorAction", "Liam is ill; I call Jane now"));
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");
    }

    /**
     * Maria takes the late callback herself and lets the time pass too: the supervisors are her peers, so the promise
     * goes up to the administrators, who hold the authority above them. The call stays hers: the timer decides
     * nothing. It used to go to the supervisors again.
     */
    @Test
    void aLateCallTheSupervisorTookHerselfAndDidNotMakeGoesUpToTheAdministrators() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10))
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                        "supervisorAction", "I call Jane myself"));
        Date due = c.task("Task_CallCustomerBack").getDueDate();

        c.timeIs(due).dueTimersFire();

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");
    }

    /**
     * The same when the late call Maria took herself carries a new time she agreed with Jane, and that passes too. The
     * form she typed the time in says who steps in then: it used to say "a supervisor", her peers, who are not asked.
     */
    @Test
    void aNewTimeTheSupervisorPromisedHerselfAndDidNotKeepGoesUpToTheAdministrators() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10));
        String newTime = CaseDriver.now().plus(Duration.ofHours(2)).atOffset(ZoneOffset.ofHours(1)).toString();
        String told = fieldDescription(c.task("Task_KeepPromiseAtRisk"), "newCallbackAt");
        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "newCallbackAt", newTime,
                "supervisorAction", "Agreed a call in two hours with Jane"));

        c.timePasses(Duration.ofHours(2)).timerFires("Event_CallbackDue");

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");
        assertThat(told).as("what the form told Maria about a new time that passes")
                .doesNotContain("a supervisor steps in").contains("the administrators when a supervisor calls");
    }

    /**
     * Maria, a supervisor, owns the case and promises the callback. The form she types the time in says who steps in
     * when it passes: it said "a supervisor", her peers, who are not asked; the administrators are, as for an agent's
     * callback the supervisors are.
     */
    @Test
    void thePromiseFormSaysTheAdministratorsStepInWhenTheOwnerIsASupervisor() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("maria", Map.of()).diagnose("answerKnown", "company");
        String told = fieldDescription(c.task("Task_PromiseCallback"), "callbackAt");

        c.promiseCallbackIn(Duration.ofHours(3)).timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
        assertThat(told).as("what the form told Maria about the time passing")
                .contains("a supervisor steps in to keep the promise, or the administrators when whoever holds the call"
                        + " then is a supervisor");
    }

    /** The description of a field of the task's deployed form, as Tasklist shows it under the field. */
    private String fieldDescription(Task task, String key) throws IOException {
        try (var deployed = engine.getFormService().getDeployedTaskForm(task.getId())) {
            for (JsonNode component : new ObjectMapper().readTree(deployed).path("components")) {
                if (key.equals(component.path("key").asText())) {
                    return component.path("description").asText();
                }
            }
        }
        throw new AssertionError("the form of " + task.getTaskDefinitionKey() + " has no field " + key);
    }

    /** And when her own call reached the voicemail, and the retry it promised is late too. */
    @Test
    void aRetryOfTheSupervisorsOwnCallThatIsLateGoesUpToTheAdministrators() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10))
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                        "supervisorAction", "I call Jane myself"))
                .callBack("Task_CallCustomerBack", "notReached");
        Date retryDue = Date.from(c.promises().get(1).dueAt());

        c.timeIs(retryDue).dueTimersFire();

        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("maria");
        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
    }

    private List<String> candidateGroups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId)
                .toList();
    }

    @Test
    void aColleagueWhoCallsInTimeIsChasedByNobody() {
        CaseDriver c = handedToLiam().timePasses(Duration.ofMinutes(20))
                .callBack("Task_CallCustomerBack", "reachedSolved");

        assertThat(c.promisePassed("EndEvent_CustomerReached")).isTrue();
        assertThat(c.hasTimer("Event_HandedOverCallDue")).isFalse();
        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
    }

    @Test
    void aColleagueWhoCallsWithoutReachingTheCustomerLeavesTheNextAttemptToItsOwnPromise() {
        CaseDriver c = handedToLiam();
        Date handedOverDue = c.timerDueDate("Event_HandedOverCallDue");
        c.timePasses(Duration.ofMinutes(20)).callBack("Task_CallCustomerBack", "notReached");

        assertThat(c.hasTimer("Event_HandedOverCallDue")).as("the call was made: nothing to chase").isFalse();
        assertThat(c.promisePassed("EndEvent_PromiseAtRiskWithdrawn")).isTrue();
        c.timeIs(handedOverDue).dueTimersFire();
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).doesNotContain("Task_KeepPromiseAtRisk");
        c.timePasses(Duration.ofHours(1)).dueTimersFire();
        assertThat(c.task("Task_CallCustomerAgain")).as("after the retry wait").isAssignedTo("liam");
    }

    @Test
    void aNewTimeTheSupervisorAgreedIsTimedByItsOwnPromiseNotByTheHandOver() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10));
        String newTime = CaseDriver.now().plus(Duration.ofHours(5)).atOffset(ZoneOffset.ofHours(1)).toString();

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "colleague", "colleague", "liam",
                "newCallbackAt", newTime, "supervisorAction", "Agreed 5 hours from now with Jane"));

        assertThat(c.hasTimer("Event_HandedOverCallDue")).isFalse();
        assertThat(c.promisePassed("EndEvent_PromiseTakenOver")).isTrue();
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("liam");
        assertThat(c.timerDueDate("Event_CallbackDue")).isEqualTo(c.task("Task_CallCustomerBack").getDueDate());
    }

    /**
     * Liam, whom the supervisor gave the callback, never reaches Jane, and the supervisor decides to write: the letter
     * names who writes the solution, the case owner Anna, whose "Resolve the problem" it is. It used to name Liam, the
     * caller, who has no task to write anything.
     */
    @Test
    void theLetterToAnUnreachableCustomerNamesTheOwnerWhoWritesTheSolutionNotTheColleagueWhoCalled() {
        CaseDriver c = handedToLiam();
        c.callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));

        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.CUSTOMER_UNREACHABLE).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("Anna will now write down the solution as far as we know it")
                .doesNotContain("Liam");
    }
}
