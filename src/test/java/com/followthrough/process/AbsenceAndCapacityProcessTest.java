package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.HeldTransaction;
import com.followthrough.RefusedEntryException;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.intake.FollowUpCases;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;
import com.followthrough.workload.AbsenceHandOver;

/**
 * W9 in the running process: an absent agent's work goes to a colleague or the team queue while the customer's promise
 * keeps its time, a broken promise counts against whoever held the callback, and an agent at capacity is handed no
 * new case. In March 2032, far from the other tests' cases (WorkloadApiTest's are in February); the agents are created here and removed after.
 */
@ProcessTest(startsAt = AbsenceAndCapacityProcessTest.MONDAY_MORNING)
class AbsenceAndCapacityProcessTest {

    /** A Monday: each test starts at 09:00. */
    static final String MONDAY_MORNING = "2032-03-01T09:00";
    static final Instant MONDAY = CaseDriver.berlin(MONDAY_MORNING);
    /** The Monday after, 09:00: late promises there leave MONDAY's broken-promise counts alone. */
    static final Instant WEEK_AFTER = MONDAY.plus(Duration.ofDays(7));

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired IdentityService identityService;
    @Autowired AbsenceHandOver handOver;
    @Autowired FollowUpCases followUps;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;
    @LocalServerPort int port;

    @BeforeEach
    void agentsWhoOwnNothing() {
        agent("olivia", "Olivia", "Grant", "agents-en");
        agent("pavel", "Pavel", "Novotny", "agents-en");
        agent("lea", "Lea", "Roth", "agents-en");
    }

    /** The cases, absences and agents of a test are gone before the next: each starts with agents who own nothing. */
    @AfterEach
    void removeCasesAndAgents() {
        for (String reference : references) {
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
                    .processDefinitionKey(Processes.SUPPORT_CASE).list()
                    .forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over"));
        }
        for (String id : List.of("olivia", "pavel", "lea")) {
            jdbc.sql("DELETE FROM ft_absence WHERE user_id = :id").param("id", id).update();
            identityService.deleteUser(id);
        }
        jdbc.sql("DELETE FROM ft_absence WHERE user_id = 'maria'").update();
    }

    private final List<String> references = new ArrayList<>();

    private CaseDriver open() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        references.add(c.reference);
        return c;
    }

    private void agent(String id, String first, String last, String team) {
        CaseDriver.joinsWithPassword(identityService, id, id + "-password", first, last, "agents", team);
    }

    private CaseDriver callbackPromisedBy(String owner, Duration in) {
        return open()
                .listen(owner, Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(in);
    }

    @Test
    void anAbsentOwnersCallbackGoesToTheColleagueAndThePromiseKeepsItsTime() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        Task before = c.task("Task_CallCustomerBack");
        Date timerBefore = c.timerDueDate("Event_CallbackDue");

        var recorded = handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");

        Task after = c.task("Task_CallCustomerBack");
        assertThat(after).isAssignedTo("olivia");
        assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after.getName()).as("the case as before").isEqualTo(before.getName()).contains(c.reference);
        assertThat(after.getDescription()).as("Olivia promised nothing: the promise is ours, whoever keeps it")
                .startsWith("We promised to call Jane Doe back on +1 555 0100. Keep the promise. Due ");
        assertThat(after.getDueDate()).isEqualTo(before.getDueDate()).isEqualTo(Date.from(MONDAY.plus(Duration.ofHours(4))));
        assertThat(after.getFollowUpDate()).isEqualTo(before.getFollowUpDate());
        assertThat(c.timerDueDate("Event_CallbackDue")).as("the promise's timer").isEqualTo(timerBefore);
        assertThat(c.variable("owner")).as("the case stays Pavel's").isEqualTo("pavel");
        assertThat(recorded.handedOver()).extracting(AbsenceHandOver.HandedOver::caseReference).containsExactly(c.reference);
        assertThat(c.promises()).singleElement().as("updates name who calls now").extracting(Promise::handedTo)
                .isEqualTo("olivia");

        c.callBack("Task_CallCustomerBack", "reachedSolved");
        assertThat(c.promises()).singleElement().extracting(Promise::status).isEqualTo(Promise.Status.KEPT);
    }

    /**
     * The voicemail speaks for the person who called: "this is Olivia from our support team: I just tried to call you".
     * Pavel, the owner, is away and Olivia stands in; it used to say "this is Pavel", who never called.
     */
    @Test
    void theVoicemailAfterAStandInsCallNamesTheStandIn() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");

        c.callBack("Task_CallCustomerBack", "notReached");

        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.VOICEMAIL).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("this is Olivia from our support team: I just tried to call you")
                .doesNotContain("Pavel");
        assertThat(c.hasTimer("Event_RetryWaitOver")).as("the retry the voicemail promises").isTrue();
    }

    /**
     * Olivia, standing in for Pavel, made the call that left the voicemail, and the voicemail (signed by her) promises
     * the next try: the promise is hers, as the timeline, the case header and a broken promise left in the queue say.
     */
    @Test
    void theRetryPromiseAfterAStandInsCallIsMadeByTheStandIn() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");

        c.callBack("Task_CallCustomerBack", "notReached").timePasses(Duration.ofHours(2)).dueTimersFire();

        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("olivia");
        assertThat(retryPromise(c)).extracting(Promise::madeBy, Promise::handedTo).containsExactly("olivia", "olivia");
    }

    /**
     * Every call Olivia made for Pavel, who is away, ended in a voicemail, and the supervisor chose to write: the
     * letter names who writes the solution, Olivia, who holds "Resolve the problem" while he is away. It used to name
     * Pavel ("Pavel will now write down the solution"), who is away and has no task to write anything.
     */
    @Test
    void theLetterToAnUnreachableCustomerNamesTheStandInWhoWritesTheSolution() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");
        c.callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));

        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("olivia");
        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.CUSTOMER_UNREACHABLE).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("Olivia will now write down the solution as far as we know it")
                .doesNotContain("Pavel");
    }

    /**
     * Lea, signed in, completes Pavel's callback from the team's queue without claiming it first (candidates may work
     * the task), and does not reach the customer: the voicemail goes out, in her name, and the next try is promised
     * with its timer. The voicemail step used to fail on the callback's empty assignee, so neither went out.
     */
    @Test
    void aCallbackCompletedFromTheQueueWithoutAClaimLeavesTheVoicemailInTheCallersName() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), null, "maria");
        assertThat(c.task("Task_CallCustomerBack")).isNotAssigned();

        engine.getIdentityService().setAuthentication("lea", List.of("agents", "agents-en"));
        try {
            c.callBack("Task_CallCustomerBack", "notReached");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        c.runAsyncSteps();

        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.VOICEMAIL).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("this is Lea from our support team: I just tried to call you", "We will try again by");
        assertThat(c.hasTimer("Event_RetryWaitOver")).as("the retry the voicemail promises").isTrue();
    }

    /** Pavel is away with no stand-in: "Resolve the problem" is in the team's queue, and the letter names the team. */
    @Test
    void theLetterToAnUnreachableCustomerNamesTheTeamWhenTheSolutionIsInTheQueue() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), null, "maria");
        Map<String, Object> notReached = Map.of("callbackOutcome", "notReached", "callbackNotes", "No answer");
        c.complete("Task_CallCustomerBack", "lea", notReached);
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                    .complete("Task_CallCustomerAgain", "lea", notReached);
        }

        c.complete("Task_DecideCustomerUnreachable", "maria", Map.of("unreachableDecision", "writeAndClose"));

        assertThat(c.task("Task_ResolveProblem")).isNotAssigned();
        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.CUSTOMER_UNREACHABLE).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("Our support team will now write down the solution as far as we know it")
                .doesNotContain("Pavel", "Your case owner");
    }

    /**
     * Olivia's call left the voicemail while Pavel was away; he is back when the next call falls due, and it is his
     * again ("Call the customer again" for the owner): the promise is Olivia's, and it records that Pavel calls now,
     * so a progress update names him.
     */
    @Test
    void aRetryPromisedByTheStandInIsHandedBackToTheOwnerWhoIsBackForTheNextCall() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofHours(3)), "olivia", "maria");

        c.timePasses(Duration.ofMinutes(90)).callBack("Task_CallCustomerBack", "notReached")
                .timePasses(Duration.ofHours(2)).dueTimersFire();

        assertThat(c.task("Task_CallCustomerAgain")).isAssignedTo("pavel");
        assertThat(retryPromise(c)).extracting(Promise::madeBy, Promise::handedTo).containsExactly("olivia", "pavel");
    }

    /**
     * Olivia, standing in, reached the customer on Pavel's promised call and wrote down what they said; the case's
     * next step, "Resolve the problem", shows the call's notes in its case header: they used to stay in the promise's
     * own variables, shown on no form of the case, though the agents' guide sends the owner to "Notes from the call".
     */
    @Test
    void whatTheCustomerToldTheStandInOnTheCallReachesTheOwnersNextStep() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofHours(3)), "olivia", "maria");

        c.timePasses(Duration.ofMinutes(90)).complete("Task_CallCustomerBack", "olivia", Map.of("callbackOutcome",
                "reachedSolved", "callbackNotes", "Jane says the second debit is from her old card, ending 1881"));

        Task resolve = c.task("Task_ResolveProblem");
        assertThat(engine.getFormService().getTaskFormVariables(resolve.getId()).getValue("caseHeader", String.class))
                .as("the owner's form shows what the customer told the stand-in")
                .contains("#### Notes from the last call", "the second debit is from her old card, ending 1881");
    }

    private static Promise retryPromise(CaseDriver c) {
        return c.promises().stream().filter(p -> "Call again after the voicemail".equals(p.nextActions()))
                .findFirst().orElseThrow();
    }

    /**
     * The customer writes in as the supervisor marks the owner absent from now: the owner's new task to answer it is
     * created in a transaction that does not see the absence yet, and the entry does not see the task. The next
     * hand-over at the start of absences (every minute) moves it, so the message is not left with someone away.
     */
    @Test
    void aTaskCreatedForTheOwnerAsTheyAreMarkedAbsentGoesToTheColleagueAtTheNextHandOver() throws Exception {
        CaseDriver c = open().listen("pavel", Map.of());
        inbox.customerWroteIn(c.reference, "Any news about the refund?", "email");

        try (HeldTransaction answerTaskCreated = HeldTransaction.of(transactions, jdbc, c::runAsyncSteps)) {
            handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");
        }
        handOver.atTheStartOfAbsences();

        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("olivia");
        assertThat(c.task("Task_DiagnoseProblem")).isAssignedTo("olivia");
    }

    /**
     * Maria marks Pavel absent while he completes the very task the entry hands over: the entry meets his change, is
     * refused with a 409 that says to send it again, and changes nothing; sent again, it hands over his next task.
     */
    @Test
    void anAbsenceEnteredAsTheAgentCompletesATaskIsRefusedWholeAndTakenWhenSentAgain() throws Exception {
        CaseDriver c = open().listen("pavel", Map.of());
        String diagnose = c.task("Task_DiagnoseProblem").getId();
        AppHttp http = new AppHttp(port);
        String absence = """
                {"from": "2032-03-01T09:00", "to": "2032-03-03T09:00", "handOverTo": "olivia"}""";

        HttpResponse<String> entered;
        try (HeldTransaction pavelDiagnosed = HeldTransaction.of(transactions, jdbc, () -> engine.getTaskService()
                .complete(diagnose, Map.of("diagnosis", "Billing run charged twice", "faultParty", "company",
                        "diagnosisOutcome", "answerKnown")))) {
            entered = http.send(http.request("/api/agents/pavel/absence", "maria:maria")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(absence)));
            assertThat(pavelDiagnosed.someoneWaited()).as("the entry met Pavel's step").isTrue();
        }

        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(409);
        assertThat(entered.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(entered.body());
        assertThat(problem.path("title").asText()).isEqualTo("Changed meanwhile");
        assertThat(problem.path("detail").asText()).contains("nothing was changed", "Send it again");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_absence WHERE user_id = 'pavel'").query(Long.class).single())
                .as("no absence recorded").isZero();

        HttpResponse<String> again = http.send(http.request("/api/agents/pavel/absence", "maria:maria")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(absence)));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("olivia");
    }

    @Test
    void aBrokenPromiseCountsAgainstWhoeverHeldTheCallbackWhenItBroke() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");

        c.timePasses(Duration.ofHours(4)).timerFires("Event_CallbackDue");

        assertThat(c.promises()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(Promise.Status.BROKEN);
            assertThat(p.madeBy()).isEqualTo("pavel");
            assertThat(p.brokenHolder()).isEqualTo("olivia");
        });
        assertThat(promises.brokenByHolder(MONDAY, c.now().plusSeconds(1)))
                .containsEntry("olivia", 1L).doesNotContainKey("pavel");
    }

    /**
     * Pavel is away with no stand-in, and his callbacks wait in the team's queue. One Olivia claims: it breaks against
     * her. One she claims and gives back: it breaks in the queue, against nobody who held it (counted as Pavel's, who
     * made it). Who held the call is what the promise records as the callback changes hands.
     */
    @Test
    void aBrokenPromiseCountsAgainstWhoeverClaimedTheQueuedCallbackAndNobodyWhileItWaitsInTheQueue() {
        ClockUtil.setCurrentTime(Date.from(WEEK_AFTER));
        CaseDriver claimed = callbackPromisedBy("pavel", Duration.ofHours(4));
        CaseDriver givenBack = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", WEEK_AFTER, WEEK_AFTER.plus(Duration.ofDays(2)), null, "maria");
        claimed.claim("Task_CallCustomerBack", "olivia");
        givenBack.claim("Task_CallCustomerBack", "olivia");
        engine.getTaskService().setAssignee(givenBack.task("Task_CallCustomerBack").getId(), null);

        claimed.timePasses(Duration.ofHours(4)).timerFires("Event_CallbackDue");
        givenBack.timerFires("Event_CallbackDue");

        assertThat(claimed.promises()).singleElement().extracting(Promise::status, Promise::brokenHolder)
                .containsExactly(Promise.Status.BROKEN, "olivia");
        assertThat(givenBack.promises()).singleElement().extracting(Promise::status, Promise::brokenHolder)
                .containsExactly(Promise.Status.BROKEN, null);
    }

    /**
     * Pavel is away and Maria, a supervisor, stands in: his callback is hers to make. Its time passes: the supervisors
     * are her peers, so "Keep the promise at risk" goes up to the administrators, as for a call she took over herself.
     * It went to the supervisors, who chased one of their own: only the case owner counted.
     */
    @Test
    void aCallbackHandedToASupervisorStandingInGoesUpToTheAdministratorsWhenLate() {
        ClockUtil.setCurrentTime(Date.from(WEEK_AFTER));
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", WEEK_AFTER, WEEK_AFTER.plus(Duration.ofDays(2)), "maria", "demo");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("maria");

        c.timePasses(Duration.ofHours(4)).timerFires("Event_CallbackDue");

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
        assertThat(c.task("Task_CallCustomerBack")).as("the call stays hers").isAssignedTo("maria");
    }

    /**
     * The reverse: Maria, a supervisor, owns the case and promised the call; she is away and Olivia, an agent, stands
     * in. Olivia's late call is the supervisors' to chase, not the administrators': it went to the administrators.
     */
    @Test
    void aSupervisorsCallbackHandedToAnAgentStandingInBringsInTheSupervisorsWhenLate() {
        ClockUtil.setCurrentTime(Date.from(WEEK_AFTER));
        CaseDriver c = callbackPromisedBy("maria", Duration.ofHours(4));
        handOver.markAbsent("maria", WEEK_AFTER, WEEK_AFTER.plus(Duration.ofDays(2)), "olivia", "demo");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("olivia");

        c.timePasses(Duration.ofHours(4)).timerFires("Event_CallbackDue");

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("supervisors");
    }

    /** A supervisor who claims an absent agent's callback from the team's queue holds the call as a stand-in does. */
    @Test
    void aQueuedCallbackASupervisorClaimedGoesUpToTheAdministratorsWhenLate() {
        ClockUtil.setCurrentTime(Date.from(WEEK_AFTER));
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        handOver.markAbsent("pavel", WEEK_AFTER, WEEK_AFTER.plus(Duration.ofDays(2)), null, "maria");
        c.claim("Task_CallCustomerBack", "maria");

        c.timePasses(Duration.ofHours(4)).timerFires("Event_CallbackDue");

        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
    }

    private List<String> candidateGroups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId)
                .toList();
    }

    @Test
    void withoutAColleagueTheCallbackGoesToTheTeamQueue() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));

        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(1)), null, "maria");

        Task callback = c.task("Task_CallCustomerBack");
        assertThat(callback.getAssignee()).isNull();
        assertThat(callback).hasCandidateGroup("agents-en");
        assertThat(callback.getDueDate()).isEqualTo(Date.from(MONDAY.plus(Duration.ofHours(4))));
        engine.getTaskService().claim(callback.getId(), "olivia");
        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("olivia");
    }

    @Test
    void theNextStepOfAnAbsentOwnersCaseGoesToTheColleagueToo() {
        CaseDriver c = open()
                .listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(1)), "olivia", "maria");
        assertThat(c.task("Task_DiagnoseProblem")).isAssignedTo("olivia");

        c.diagnose("answerKnown", "company");

        assertThat(c.task("Task_PromiseCallback")).as("created for the owner while he is away").isAssignedTo("olivia");
        c.timeIs(Date.from(MONDAY.plus(Duration.ofDays(1))));
        c.promiseCallbackIn(Duration.ofHours(3));
        assertThat(c.task("Task_CallCustomerBack")).as("Pavel is back").isAssignedTo("pavel");
    }

    /**
     * The stand-in was of the agent's team when the absence was entered, but is not of this case's team now (they
     * moved to the German team meanwhile): the new step goes to the team's queue, not to someone who may not speak the
     * customer's language.
     */
    @Test
    void aNewStepOfAnAbsentOwnerGoesToTheQueueWhenTheStandInIsNotOfTheCasesTeam() {
        CaseDriver c = open()
                .listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(1)), "olivia", "maria");
        identityService.deleteMembership("olivia", "agents-en");
        identityService.createMembership("olivia", "agents-de");

        c.diagnose("answerKnown", "company");

        Task promise = c.task("Task_PromiseCallback");
        assertThat(promise.getAssignee()).as("created for Pavel while he is away").isNull();
        assertThat(promise).hasCandidateGroup("agents-en");
    }

    @Test
    void anAbsenceAheadHandsOverWhatFallsDueInItAndLeavesTheRest() {
        CaseDriver today = callbackPromisedBy("pavel", Duration.ofHours(4));
        CaseDriver wednesday = callbackPromisedBy("pavel", Duration.ofDays(2));
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));

        var recorded = handOver.markAbsent("pavel", tuesday, tuesday.plus(Duration.ofDays(3)), "olivia", "maria");

        assertThat(today.task("Task_CallCustomerBack")).as("due before he leaves").isAssignedTo("pavel");
        assertThat(wednesday.task("Task_CallCustomerBack")).as("due while he is away").isAssignedTo("olivia");
        assertThat(recorded.handedOver()).extracting(AbsenceHandOver.HandedOver::caseReference)
                .containsExactly(wednesday.reference);
    }

    /**
     * Monday the supervisor enters Pavel's absence, Tuesday to Friday; his callback for Saturday, due after it, stays
     * his while he is here. When Tuesday comes it goes to Olivia, as it would have had the absence been entered then;
     * a second run moves nothing.
     */
    @Test
    void whenAnAbsenceAheadBeginsTheRestOfTheAgentsWorkChangesHands() {
        CaseDriver saturday = callbackPromisedBy("pavel", Duration.ofDays(5));
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        handOver.markAbsent("pavel", tuesday, tuesday.plus(Duration.ofDays(3)), "olivia", "maria");

        assertThat(handOver.atTheStartOfAbsences()).as("Monday: nothing has begun").isEmpty();
        assertThat(saturday.task("Task_CallCustomerBack")).isAssignedTo("pavel");

        saturday.timePasses(Duration.ofDays(1).plusMinutes(1));
        var handedOver = handOver.atTheStartOfAbsences();

        assertThat(handedOver).extracting(AbsenceHandOver.HandedOver::caseReference)
                .containsExactly(saturday.reference);
        assertThat(saturday.task("Task_CallCustomerBack")).isAssignedTo("olivia");
        assertThat(saturday.promises()).singleElement().as("updates name who calls now")
                .extracting(Promise::handedTo).isEqualTo("olivia");
        assertThat(handOver.atTheStartOfAbsences()).as("handed over once").isEmpty();
    }

    /**
     * Monday the supervisor enters Pavel's absence, Tuesday to Friday, with nothing to hand over yet; later that day
     * Pavel promises a callback for Wednesday. It is Olivia's at once, and so is the promise: on Wednesday she holds
     * it. A callback due before he leaves stays his.
     */
    @Test
    void aCallbackPromisedAfterAnAbsenceAheadWasEnteredAndDueInItGoesToTheStandIn() {
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        var recorded = handOver.markAbsent("pavel", tuesday, tuesday.plus(Duration.ofDays(4)), "olivia", "maria");
        assertThat(recorded.handedOver()).isEmpty();

        CaseDriver today = callbackPromisedBy("pavel", Duration.ofHours(4));
        CaseDriver wednesday = callbackPromisedBy("pavel", Duration.ofDays(2));

        assertThat(today.task("Task_CallCustomerBack")).as("due before he leaves").isAssignedTo("pavel");
        assertThat(today.promises()).singleElement().extracting(Promise::handedTo).isNull();
        assertThat(wednesday.task("Task_CallCustomerBack")).as("due while he is away").isAssignedTo("olivia");
        assertThat(wednesday.promises()).singleElement().as("updates name who calls now")
                .extracting(Promise::handedTo).isEqualTo("olivia");

        wednesday.timePasses(Duration.ofDays(2)).timerFires("Event_CallbackDue");
        assertThat(wednesday.promises()).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(Promise.Status.BROKEN);
            assertThat(p.madeBy()).isEqualTo("pavel");
            assertThat(p.brokenHolder()).isEqualTo("olivia");
        });
    }

    /**
     * The written promise names who will call: Pavel promises on Monday a call for Wednesday, when he is away and
     * Olivia holds the callback, so Jane reads "Olivia from our support team will call you back". A call due before
     * he leaves is his. It used to name Pavel for both.
     */
    @Test
    void theWrittenPromiseNamesTheStandInWhoWillCall() {
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        handOver.markAbsent("pavel", tuesday, tuesday.plus(Duration.ofDays(4)), "olivia", "maria");

        CaseDriver today = callbackPromisedBy("pavel", Duration.ofHours(4));
        CaseDriver wednesday = callbackPromisedBy("pavel", Duration.ofDays(2));

        assertThat(confirmation(today)).contains("Pavel from our support team will call you back");
        assertThat(wednesday.task("Task_CallCustomerBack")).isAssignedTo("olivia");
        assertThat(confirmation(wednesday)).contains("Olivia from our support team will call you back")
                .doesNotContain("Pavel");
    }

    /**
     * Pavel is to promise a callback and is away from Tuesday, entered ahead: a callback he sets for Wednesday goes to
     * Olivia. The task and its form must not tell him that he calls, whatever time he chooses; they say who calls then.
     */
    @Test
    void thePromiseTaskAndFormSayACallbackInAnAbsenceAlreadyEnteredGoesToTheStandIn() throws Exception {
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        handOver.markAbsent("pavel", tuesday, tuesday.plus(Duration.ofDays(4)), "olivia", "maria");

        CaseDriver c = open().listen("pavel", Map.of()).diagnose("answerKnown", "company");

        Task promise = c.task("Task_PromiseCallback");
        assertThat(promise).isAssignedTo("pavel");
        assertThat(promise.getDescription()).doesNotContain("you keep it")
                .contains("a time in an absence of yours already entered goes to your stand-in");
        String form;
        try (var deployed = engine.getFormService().getDeployedTaskForm(promise.getId())) {
            form = new String(deployed.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(form).doesNotContain("You, the one who answered, will call.")
                .contains("if that time falls in an absence of yours already entered, your stand-in calls");
    }

    /** No stand-in of the case's team: the callback goes to the queue, and the promise names our support team. */
    @Test
    void theWrittenPromiseOfACallbackForTheQueueNamesTheTeam() {
        CaseDriver c = open().listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(3)), null, "maria");

        c.diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(4));

        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isNull();
        assertThat(confirmation(c)).contains("Our support team will call you back").doesNotContain("Pavel");
        assertThat(c.promises()).singleElement().as("updates name the team too")
                .extracting(Promise::handedTo, Promise::handedToTeam).containsExactly(null, "agents-en");
    }

    /** A message while the owner is away: the acknowledgment names who answers it, the stand-in. */
    @Test
    void theAcknowledgmentOfAMessageNamesTheStandInWhoAnswers() {
        CaseDriver c = open().listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(3)), "olivia", "maria");

        c.customerWrites("Any news on the refund?");

        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("olivia");
        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.MESSAGE_RECEIVED).singleElement()
                .extracting(CustomerMessage::body).asString()
                .contains("Olivia from our support team will answer you by").doesNotContain("Pavel");
    }

    /**
     * A specialist is brought in while Pavel is away: the advice goes to Olivia's next step ("Promise a callback"), so
     * the customer hears that Olivia looks into it with the specialist and by when they hear from her, not from Pavel.
     */
    @Test
    void theSpecialistJoiningWhileTheOwnerIsAwayNamesTheStandInTheCustomerHearsFrom() {
        CaseDriver c = open().listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(3)), "olivia", "maria");

        c.diagnose("specialistNeeded", "unknown");

        assertThat(specialistJoining(c)).contains("While Pavel is away, Olivia from our support team is looking into"
                + " it with the specialist, and you will hear from Olivia by ").doesNotContain("from Pavel");
        c.complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("olivia");
    }

    @Test
    void theSpecialistJoiningWhileTheOwnerIsAwayWithoutAStandInNamesTheTeam() {
        CaseDriver c = open().listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(3)), null, "maria");
        Map<String, Object> german = Map.of("language", "de");
        engine.getRuntimeService().setVariables(c.instance.getId(), german);

        c.diagnose("specialistNeeded", "unknown");

        assertThat(specialistJoining(c)).contains("Solange Pavel abwesend ist, klärt unser Support-Team die Sache"
                + " gemeinsam mit der Spezialistin oder dem Spezialisten, und Sie hören bis ")
                .doesNotContain("von Pavel");
        c.complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        assertThat(c.task("Task_PromiseCallback").getAssignee()).isNull();
    }

    /**
     * Pavel's callback went to Olivia while he is away; then Olivia is away too, with nobody to stand in, and it goes
     * to the team's queue. The customer's progress update says our support team calls, not Olivia, who no longer holds
     * the call, nor Pavel, who is away. It used to name Olivia (the promise kept her as {@code handed_to}).
     */
    @Test
    void aProgressUpdateAfterTheStandInsCallbackWentToTheQueueNamesNeitherTheStandInNorTheOwner() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(6));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), "olivia", "maria");
        handOver.markAbsent("olivia", MONDAY, MONDAY.plus(Duration.ofDays(2)), null, "maria");
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).as("in the team's queue").isNull();

        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(progressUpdate(c)).contains("as agreed, our support team calls you on +1 555 0100 by ")
                .doesNotContain("Olivia", "Pavel");
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly(null, "agents-en");
    }

    /** Pavel is away with no stand-in: his callback goes to the queue, and the update does not name him either. */
    @Test
    void aProgressUpdateAfterTheOwnersCallbackWentToTheQueueDoesNotNameTheOwner() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(6));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), null, "maria");
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).as("in the team's queue").isNull();
        assertThat(candidateGroups(c.task("Task_CallCustomerBack"))).as("once").containsExactly("agents-en");

        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(progressUpdate(c)).contains("as agreed, our support team calls you on +1 555 0100 by ")
                .doesNotContain("Pavel");
    }

    /**
     * Pavel is away with no stand-in and his callback went to the team's queue; Olivia claims it in Tasklist. She holds
     * the call now, as a stand-in would: the customer's next progress update names her, and the promise records her.
     * It used to say "our support team" until the call was made.
     */
    @Test
    void aProgressUpdateAfterAColleagueClaimedTheQueuedCallbackNamesTheColleague() {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(6));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), null, "maria");

        c.claim("Task_CallCustomerBack", "olivia");
        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");

        assertThat(progressUpdate(c)).contains("as agreed, Olivia from our support team calls you on +1 555 0100 by ")
                .doesNotContain("Pavel", "as agreed, our support team");
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly("olivia", null);
        assertThat(engine.getFormService().getTaskFormVariables(c.task("Task_CallCustomerBack").getId())
                .getValue("caseHeader", String.class)).as("the case header she reads")
                .contains("(promised by Pavel Novotny on ").contains("; Olivia Grant calls now)");
    }

    /**
     * The same over /engine-rest, as Tasklist sends it: Olivia claims the queued callback, and the promise names her;
     * she gives it back to the queue (unclaim), and the promise is the team's again, so the next update names nobody.
     */
    @Test
    void aQueuedCallbackClaimedOverRestIsTheColleaguesAndGivenBackIsTheTeamsAgain() throws Exception {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(6));
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(2)), null, "maria");
        String callback = c.task("Task_CallCustomerBack").getId();
        AppHttp http = new AppHttp(port);

        var claimed = http.postJson("/engine-rest/task/" + callback + "/claim", "olivia:olivia-password",
                "{\"userId\": \"olivia\"}");

        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly("olivia", null);

        var givenBack = http.postJson("/engine-rest/task/" + callback + "/unclaim", "olivia:olivia-password", "{}");

        assertThat(givenBack.statusCode()).as(givenBack.body()).isEqualTo(204);
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isNull();
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly(null, "agents-en");
        assertThat(engine.getFormService().getTaskFormVariables(callback).getValue("caseHeader", String.class))
                .contains("; in the team queue now)").doesNotContain("Olivia Grant calls");
        c.timeIs(c.timerDueDate("StartEvent_UpdateIntervalPassed")).timerFires("StartEvent_UpdateIntervalPassed");
        assertThat(progressUpdate(c)).contains("as agreed, our support team calls you on +1 555 0100 by ")
                .doesNotContain("Olivia", "Pavel");
    }

    /**
     * Pavel's callback was created assigned to him, offered to no team. Maria, a supervisor, gives it back in Tasklist
     * (unclaim over /engine-rest): it goes to the queue of the case's team, where his colleagues see it, and the
     * promise names that team. It used to be in nobody's list (no assignee, no candidate group) while the customer's
     * update said "our support team" calls: a promise with no owner.
     */
    @Test
    void aCallbackCreatedAssignedAndGivenBackGoesToTheTeamsQueueThePromiseNames() throws Exception {
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(6));
        String callback = c.task("Task_CallCustomerBack").getId();
        assertThat(candidateGroups(c.task("Task_CallCustomerBack"))).as("created assigned, in no queue").isEmpty();

        var givenBack = new AppHttp(port).postJson("/engine-rest/task/" + callback + "/unclaim", "maria:maria", "{}");

        assertThat(givenBack.statusCode()).as(givenBack.body()).isEqualTo(204);
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isNull();
        assertThat(candidateGroups(c.task("Task_CallCustomerBack"))).as("in the team's queue")
                .containsExactly("agents-en");
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly(null, "agents-en");
        var oliviasList = new AppHttp(port).get("/engine-rest/task?candidateUser=olivia&taskId=" + callback,
                "olivia:olivia-password");
        assertThat(oliviasList.body()).as("Olivia sees it in her list").contains(callback);
    }

    /**
     * A callback of no team (the case's {@code team} missing) given back: it goes to the supervisors' queue and the
     * promise names them, so who holds it is asked when it is late (the administrators, for the supervisors' own
     * queue). It was in nobody's list while the promise named the supervisors.
     */
    @Test
    void aCallbackOfNoTeamGivenBackGoesToTheSupervisorsQueue() {
        ClockUtil.setCurrentTime(Date.from(WEEK_AFTER));
        CaseDriver c = callbackPromisedBy("pavel", Duration.ofHours(4));
        Task callback = c.task("Task_CallCustomerBack");
        engine.getRuntimeService().removeVariable(callback.getProcessInstanceId(), "team");

        engine.getTaskService().setAssignee(callback.getId(), null);

        assertThat(candidateGroups(c.task("Task_CallCustomerBack"))).containsExactly("supervisors");
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly(null, "supervisors");
        c.timePasses(Duration.ofHours(4)).timerFires("Event_CallbackDue");
        assertThat(candidateGroups(c.task("Task_KeepPromiseAtRisk"))).containsExactly("camunda-admin");
    }

    private static String progressUpdate(CaseDriver c) {
        return c.messages().stream().filter(m -> m.kind() == MessageKind.PROGRESS_UPDATE).reduce((first, last) -> last)
                .orElseThrow().body();
    }

    private static String specialistJoining(CaseDriver c) {
        return c.messages().stream().filter(m -> m.kind() == MessageKind.SPECIALIST_JOINING).findFirst()
                .orElseThrow().body();
    }

    private static String confirmation(CaseDriver c) {
        return c.messages().stream().filter(m -> m.kind() == MessageKind.PROMISE_CONFIRMATION)
                .reduce((first, last) -> last).orElseThrow().body();
    }

    @Test
    void aCallbackDueInAnAbsenceAheadGoesToTheQueueWhenTheStandInIsNotOfTheCasesTeam() {
        Instant tuesday = MONDAY.plus(Duration.ofDays(1));
        handOver.markAbsent("pavel", tuesday, tuesday.plus(Duration.ofDays(4)), "olivia", "maria");
        identityService.deleteMembership("olivia", "agents-en");
        identityService.createMembership("olivia", "agents-de");

        CaseDriver wednesday = callbackPromisedBy("pavel", Duration.ofDays(2));

        Task callback = wednesday.task("Task_CallCustomerBack");
        assertThat(callback.getAssignee()).isNull();
        assertThat(callback).hasCandidateGroup("agents-en");
        assertThat(wednesday.promises()).singleElement().extracting(Promise::handedTo).isNull();
    }

    @Test
    void aCallbackCreatedWhileTheOwnerIsAwayNamesTheStandInOnThePromise() {
        CaseDriver c = open()
                .listen("pavel", Map.of());
        handOver.markAbsent("pavel", MONDAY, MONDAY.plus(Duration.ofDays(3)), "olivia", "maria");

        c.diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(4));

        assertThat(c.task("Task_CallCustomerBack")).isAssignedTo("olivia");
        assertThat(c.promises()).singleElement().as("updates name who calls now").extracting(Promise::handedTo)
                .isEqualTo("olivia");
    }

    @Test
    void anAgentAtCapacityCannotClaimANewCase() {
        CaseDriver owned = open()
                .listen("lea", Map.of());
        assertThat(owned.variable("owner")).isEqualTo("lea");
        CaseDriver next = open();
        Task listen = next.task("Task_ListenToCustomer");

        assertThatThrownBy(() -> engine.getTaskService().claim(listen.getId(), "lea"))
                .isInstanceOf(RefusedEntryException.class)
                .hasMessageStartingWith("lea is at their capacity of 1 open case (follow-through.workload.capacity)");
        assertThat(next.task("Task_ListenToCustomer").getAssignee()).isNull();

        engine.getTaskService().claim(listen.getId(), "olivia");
        assertThat(next.task("Task_ListenToCustomer")).isAssignedTo("olivia");
    }

    @Test
    void aClaimAtCapacityOverRestIsRefusedWithBadRequestAndTheReason() throws Exception {
        open().listen("lea", Map.of());
        CaseDriver next = open();
        Task listen = next.task("Task_ListenToCustomer");

        HttpResponse<String> response = new AppHttp(port).postJson("/engine-rest/task/" + listen.getId() + "/claim",
                "demo:demo", "{\"userId\": \"lea\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).path("message").asText())
                .startsWith("lea is at their capacity of 1 open case (follow-through.workload.capacity)")
                .doesNotContain("ENGINE-");
        assertThat(next.task("Task_ListenToCustomer").getAssignee()).isNull();
    }

    /**
     * An agent may not read the cases she owns (agents have no READ on process instances), yet the rule sees them all
     * when she claims with her own login: it counts her open cases, and leaves out the one awaiting the customer's word.
     */
    @Test
    void anAgentAtCapacityClaimingForHerselfIsRefusedThoughHerGrantsDoNotShowHerCases() throws Exception {
        open().listen("lea", Map.of());
        CaseDriver next = open();
        Task listen = next.task("Task_ListenToCustomer");

        HttpResponse<String> response = claimWithHerOwnLogin(listen, "lea");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).path("message").asText())
                .startsWith("lea is at their capacity of 1 open case (follow-through.workload.capacity)");
        assertThat(next.task("Task_ListenToCustomer").getAssignee()).isNull();
    }

    @Test
    void aCaseAwaitingTheCustomersWordDoesNotCountThoughTheAgentsGrantsDoNotShowIt() throws Exception {
        CaseDriver resolved = open().listen("lea", Map.of()).diagnose("solved", "company").resolve("company", 0);
        assertThat(resolved.instance).isWaitingAt("Gateway_AwaitCustomer");
        CaseDriver next = open();
        Task listen = next.task("Task_ListenToCustomer");

        HttpResponse<String> response = claimWithHerOwnLogin(listen, "lea");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(next.task("Task_ListenToCustomer")).isAssignedTo("lea");
    }

    /**
     * On an engine that checks authorizations in listeners too ({@code authorizationEnabledForCustomCode}, off by
     * default): the rule must not depend on that setting.
     */
    private HttpResponse<String> claimWithHerOwnLogin(Task task, String agent) throws Exception {
        engine.getProcessEngineConfiguration().setAuthorizationEnabledForCustomCode(true);
        try {
            return new AppHttp(port).postJson("/engine-rest/task/" + task.getId() + "/claim",
                    agent + ":" + agent + "-password", "{\"userId\": \"" + agent + "\"}");
        } finally {
            engine.getProcessEngineConfiguration().setAuthorizationEnabledForCustomCode(false);
        }
    }

    @Test
    void aResolvedCaseWaitingForTheCustomersWordDoesNotCountAgainstTheOwner() {
        CaseDriver resolved = open().listen("lea", Map.of()).diagnose("solved", "company").resolve("company", 0);
        assertThat(resolved.instance).isWaitingAt("Gateway_AwaitCustomer");
        CaseDriver next = open();

        next.claim("Task_ListenToCustomer", "lea");

        assertThat(next.task("Task_ListenToCustomer")).isAssignedTo("lea");
    }

    @Test
    void aFollowUpForAFormerOwnerAtCapacityGoesToTheTeamQueue() {
        CaseDriver closed = open()
                .listen("lea", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerConfirmsTheSolution();
        Instant closedAt = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(closed.instance.getId()).singleResult().getEndTime().toInstant();
        open().listen("lea", Map.of());

        String followUp = followUps.open(closed.reference, closedAt, "It is charged twice again", "email");
        references.add(followUp);
        runJobsOf(followUp);

        Task listen = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(followUp)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult();
        assertThat(listen.getAssignee()).as("Lea owns as many cases as her capacity").isNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(listen.getId()))
                .extracting(IdentityLink::getGroupId).contains("agents-en");
    }

    @Test
    void aFollowUpForAFormerOwnerWithRoomIsHers() {
        CaseDriver closed = open()
                .listen("lea", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerConfirmsTheSolution();
        Instant closedAt = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(closed.instance.getId()).singleResult().getEndTime().toInstant();

        String followUp = followUps.open(closed.reference, closedAt, "It is charged twice again", "email");
        references.add(followUp);
        runJobsOf(followUp);

        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(followUp)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult()).isAssignedTo("lea");
    }

    private void runJobsOf(String reference) {
        for (int round = 0; round < 10; round++) {
            String instance = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(reference).processDefinitionKey(Processes.SUPPORT_CASE).singleResult().getId();
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).messages().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }
}
