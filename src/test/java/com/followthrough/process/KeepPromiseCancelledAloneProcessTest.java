package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * An operator cancels only a case's "Keep the promise" (KeepPromise) in Cockpit, as Cockpit deletes it: custom
 * listeners and IO mappings skipped. The engine never leaves the case's call activity by its outgoing flow: it cancels
 * "Keep the promise" in the case, and every scope around it in which nothing else runs. Nobody calls the customer
 * then, and nobody solved anything, so the case comes back to its owner's "Promise a callback" (the promise is
 * recorded cancelled): never solved, never "Customer satisfied?", never cancelled whole. Each of the three ways the
 * engine deletes an instance, on each of the three situations a case can be in while it keeps a promise.
 */
@ProcessTest
class KeepPromiseCancelledAloneProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    KeepPromiseCancelledAloneProcessTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /** (a) The case does nothing else while it keeps the promise: it was cancelled whole. */
    @Test
    void aCaseDoingNothingElseComesBackToItsOwnersPromise() throws Exception {
        CaseDriver c = caseKeepingAPromise();

        cancelAsCockpitDoes(keepingThePromiseOf(c));

        assertThat(c.instance).as("not cancelled: only its call was").isNotEnded();
        backWithTheOwner(c);
        assertThat(outcome(c)).as("a running case has no outcome").isNull();
        c.timeIs(c.timerDueDate("Event_NewCallTimeOverdue")).timerFires("Event_NewCallTimeOverdue");
        assertThat(c.task("Task_MakeSureNewCallTimeIsPromised")).as("the customer is owed a new time for our call")
                .hasCandidateGroup("supervisors");
    }

    /**
     * (b) A customer's message is answered beside "Work on the solution": it lost all of "Work on the solution", and
     * once the answer was sent the case ended as solved ({@code solvedAfterCallback}).
     */
    @Test
    void aCaseAnsweringAMessageComesBackToItsOwnersPromiseAndIsNotSolvedByTheAnswer() {
        CaseDriver c = caseKeepingAPromise().customerWrites("Any news about the refund?");

        engine.getRuntimeService().deleteProcessInstance(keepingThePromiseOf(c), null, true, true, true);

        backWithTheOwner(c);
        c.complete("Task_AnswerCustomerMessage", "anna", Map.of("replyText", "We are on it."));
        assertThat(c.instance).as("the answer is not the end of the case").isNotEnded();
        assertThat(c.instance).hasNotPassed("Event_CaseResolved");
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).containsExactly("Task_PromiseCallback");
        assertThat(outcome(c)).as("not solvedAfterCallback").isNull();
        assertThat(c.messagesSent()).doesNotContain(MessageKind.RESOLUTION);
    }

    /**
     * (c) A supervisors' step runs in "Work on the solution" ("Set a new resolution date"): only "Keep the promise" was
     * cancelled, and once the supervisors were done the work ended and the case waited at "Customer satisfied?".
     */
    @Test
    void aCaseWithASupervisorsStepComesBackToItsOwnersPromiseAndDoesNotAskIfTheCustomerIsSatisfied() {
        CaseDriver c = caseKeepingAPromise();
        c.timeIs((Date) c.variable("resolutionDueAt")).timerFires("StartEvent_ResolutionTargetPassed");
        assertThat(c.task("Task_SetNewResolutionTarget")).hasCandidateGroup("supervisors");

        engine.getRuntimeService().deleteProcessInstances(List.of(keepingThePromiseOf(c)), null, true, true, true);

        backWithTheOwner(c);
        c.complete("Task_SetNewResolutionTarget", "maria", Map.of("resolutionPlan", "Billing reverses the debit",
                "newResolutionDueAt", CaseDriver.now().plus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC).toString()));
        assertThat(c.instance).isNotEnded();
        assertThat(c.instance).hasNotPassed("Event_CaseResolved");
        assertThat(activeActivities(c)).as("not waiting at Customer satisfied?").doesNotContain("Gateway_AwaitCustomer")
                .contains("Task_PromiseCallback");
        assertThat(c.messagesSent()).doesNotContain(MessageKind.RESOLUTION);
    }

    /**
     * Every call ended in a voicemail and the supervisors' decision on the unreachable customer is open: the case
     * knows by when (callDecisionDueAt), until "Keep the promise" ends. Cancelled alone, the listener that removes it
     * is skipped; the last reminder of a question would still say how we go on is decided, though the decision is
     * gone and the owner is to promise the new time.
     */
    @Test
    void theCaseNoLongerSaysAnUnreachableDecisionIsComingOnceItsCallIsCancelled() throws Exception {
        CaseDriver c = caseKeepingAPromise();
        c.timePasses(Duration.ofHours(6)).callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timeIs(c.timerDueDate("Event_RetryWaitOver")).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }
        assertThat(c.task("Task_DecideCustomerUnreachable")).hasCandidateGroup("supervisors");
        assertThat(c.variableNow("callDecisionDueAt")).isNotNull();

        cancelAsCockpitDoes(keepingThePromiseOf(c));

        assertThat(c.instance).isNotEnded();
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(c.variableNow("callDecisionDueAt")).as("gone with Keep the promise").isNull();
    }

    /**
     * Cockpit's batch "Cancel" for a selection of instances: an asynchronous batch of the instances a query finds, run
     * by the job executor (here job by job). The case comes back to its owner all the same.
     */
    @Test
    void aCaseWhoseKeepThePromiseIsCancelledInABatchComesBackToItsOwnersPromise() {
        CaseDriver c = caseKeepingAPromise();

        Batch batch = engine.getRuntimeService().deleteProcessInstancesAsync(null,
                engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(c.instance.getId()),
                null, null, true, false, true);
        ManagementService management = engine.getManagementService();
        for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
            management.createJobQuery().jobDefinitionId(definition).list()
                    .forEach(job -> management.executeJob(job.getId()));
        }

        backWithTheOwner(c);
    }

    /**
     * Deleted through the engine's API with its defaults, custom listeners run (RuntimeService.deleteProcessInstance
     * with a reason, or DELETE /engine-rest/process-instance/{id} without parameters): the step's own end listener
     * (owedCallback) then marked the call no longer owed, so the supervisors were not told when the owner's new time
     * was late. The case ends alike either way: the owner's "Promise a callback" keeps its escalation.
     */
    @Test
    void aKeepThePromiseDeletedWithItsListenersBringsInTheSupervisorsAsCockpitsCancelDoes() throws Exception {
        CaseDriver withAReason = caseKeepingAPromise();
        CaseDriver overRest = caseKeepingAPromise();

        engine.getRuntimeService().deleteProcessInstance(keepingThePromiseOf(withAReason), "Callback withdrawn");
        HttpResponse<String> delete = http.send(http.request("/engine-rest/process-instance/"
                + keepingThePromiseOf(overRest), "demo:demo").DELETE());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);

        for (CaseDriver c : new CaseDriver[] {withAReason, overRest}) {
            backWithTheOwner(c);
            c.timeIs(c.timerDueDate("Event_NewCallTimeOverdue")).timerFires("Event_NewCallTimeOverdue");
            assertThat(c.task("Task_MakeSureNewCallTimeIsPromised")).as("the customer is owed a new time for our call")
                    .hasCandidateGroup("supervisors");
        }
    }

    /**
     * The last-chance call to a dissatisfied customer promised a callback, kept by KeepPromise from the customer's
     * feedback ("Keep the promise made on the call"). Cancelled alone in Cockpit, the engine cancelled the feedback's
     * step without leaving it by its flow: nobody called the customer, nobody was told. A supervisor gets the
     * last-chance call again, in a fresh window, as after a callback that reached nobody.
     */
    @Test
    void aCallbackPromisedOnTheLastChanceCallCancelledAloneComesBackToTheSupervisorsCall() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .closeAfterABrokenPromise();
        ProcessInstance feedback = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).processInstanceBusinessKey(c.reference)
                .singleResult();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));
        assertThat(feedback).isWaitingAt("CallActivity_KeepLastChancePromise");
        int promiseOnTheCall = c.promises().size() - 1;

        c.timePasses(Duration.ofHours(1));
        cancelAsCockpitDoes(engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(feedback.getId()).singleResult().getId());

        assertThat(feedback).as("not ended: only its call was cancelled").isNotEnded()
                .isWaitingAt("Task_CallForALastChance").hasNotPassed("Gateway_LastChanceCallbackOutcome");
        assertThat(c.task("Task_CallForALastChance")).hasCandidateGroup("supervisors")
                .hasDueDate(Date.from(CaseDriver.now().plus(Duration.ofDays(2))));
        assertThat(c.promises().get(promiseOnTheCall).status()).as("nobody calls: cancelled, not broken")
                .isEqualTo(Promise.Status.CANCELLED);
    }

    /**
     * Cancelling "Keep the promise" by a modification of the case (what docs/operations.md tells operators to do to
     * withdraw a callback), or cancelling the case, leaves the case to what the operator asked: no second "Promise a
     * callback" beside the one the modification starts, nothing started in a cancelled case.
     */
    @Test
    void aModificationOfTheCaseOrItsCancellationIsLeftAsTheOperatorAsked() throws Exception {
        CaseDriver modified = caseKeepingAPromise();
        CaseDriver cancelled = caseKeepingAPromise();

        engine.getRuntimeService().createProcessInstanceModification(modified.instance.getId())
                .cancelAllForActivity("CallActivity_KeepPromise").startBeforeActivity("Task_PromiseCallback")
                .execute(true, true);
        cancelAsCockpitDoes(cancelled.instance.getId());

        assertThat(modified.openTasks()).extracting(Task::getTaskDefinitionKey).containsExactly("Task_PromiseCallback");
        assertThat(modified.promises()).singleElement().extracting(Promise::status)
                .isEqualTo(Promise.Status.CANCELLED);
        assertThat(cancelled.instance).isEnded();
        assertThat(outcome(cancelled)).isEqualTo("cancelled");
    }

    /**
     * The case's own work ends around its "Keep the promise": "No answer from the customer" interrupts "Work on the
     * solution" while the call runs, as on a version before the close waited for owed callbacks
     * (before-the-step-moved; here the call owed is unset by hand). The case cancelled its step itself: nothing is
     * started in the work it ended (a third "Promise a callback" was created and deleted with it, before the check).
     */
    @Test
    void aCaseWhoseOwnWorkEndsAroundItsKeepThePromiseIsLeftAsItsModelSays() {
        Map<String, Object> start = new HashMap<>(CaseDriver.caseFromJane());
        start.put("plan", "standard");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, start).timePasses(Duration.ofHours(1))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2));
        c.timePasses(Duration.ofHours(1)).complete("Task_CallCustomerBack", "anna", Map.of("callbackOutcome",
                "waitForCustomer", "callbackNotes", "Needs to look up the card", "customerQuestion", "Which card?"));
        c.timePasses(Duration.ofHours(1)).promiseCallbackIn(Duration.ofDays(3));
        engine.getRuntimeService().setVariable(c.instance.getId(), "callbackOwed", false);

        for (int firing = 0; firing < 3 && c.hasTimer("Event_ReminderDue"); firing++) {
            Date due = c.timerDueDate("Event_ReminderDue");
            c.timeIs(due.after(Date.from(CaseDriver.now())) ? due : Date.from(CaseDriver.now()))
                    .timerFires("Event_ReminderDue");
        }

        assertThat(c.instance).hasPassed("Event_NoAnswerFromCustomer").isWaitingAt("Gateway_AwaitCustomer");
        assertThat(c.openTasks()).as("nothing started in the work that ended").isEmpty();
        assertThat(activeActivities(c)).doesNotContain("SubProcess_WorkOnSolution");
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(c.instance.getId())
                .taskDefinitionKey("Task_PromiseCallback").count()).as("the two the owner completed, no third")
                .isEqualTo(2);
    }

    /** anna promised a callback in six hours; the case keeps it. */
    private CaseDriver caseKeepingAPromise() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6));
        assertThat(c.instance).isWaitingAt("CallActivity_KeepPromise");
        return c;
    }

    /**
     * Nobody calls: the promise is cancelled, neither kept nor broken, and the owner promises a new time ("Promise a
     * callback", hers), as the case file and the promise's record say; nothing tells the customer it was solved.
     */
    private void backWithTheOwner(CaseDriver c) {
        assertThat(c.instance).isNotEnded();
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(activeActivities(c)).doesNotContain("CallActivity_KeepPromise");
        Promise promise = c.promises().get(0);
        assertThat(promise.status()).isEqualTo(Promise.Status.CANCELLED);
        assertThat(promise.brokenAt()).as("nobody broke it").isNull();
        assertThat(c.variableNow("resolvedAt")).as("nothing was solved").isNull();
        assertThat(c.messagesSent()).doesNotContain(MessageKind.RESOLUTION);
        JsonNode caseFile = caseFile(c);
        assertThat(caseFile.at("/promises/0/status").asText()).isEqualTo("cancelled");
        assertThat(caseFile.at("/deadlines/resolvedAt").isMissingNode()).as("no solution in %s", caseFile).isTrue();
        assertThat(caseFile.at("/currentSteps").toString()).contains("Promise a callback");
        assertThat(caseFile.at("/status").asText()).as("%s", caseFile).isEqualTo("open");
    }

    private JsonNode caseFile(CaseDriver c) {
        try {
            HttpResponse<String> response = http.get("/api/cases/" + c.reference, "maria:maria");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> activeActivities(CaseDriver c) {
        ActivityInstance tree = engine.getRuntimeService().getActivityInstance(c.instance.getId());
        List<String> ids = new ArrayList<>();
        collect(tree, ids);
        return ids;
    }

    private static void collect(ActivityInstance instance, List<String> ids) {
        ids.add(instance.getActivityId());
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, ids);
        }
    }

    /** The case's outcome as the insights count it (ft_case_fact); null while it runs. */
    private String outcome(CaseDriver c) {
        return jdbc.sql("SELECT outcome FROM ft_case_fact WHERE process_instance_id = ?").param(c.instance.getId())
                .query(String.class).optional().orElse(null);
    }

    private String keepingThePromiseOf(CaseDriver c) {
        return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(c.instance.getId())
                .singleResult().getId();
    }

    /** Cockpit's "Cancel process instance", with its defaults: no reason, custom listeners and IO mappings skipped. */
    private void cancelAsCockpitDoes(String processInstanceId) throws Exception {
        HttpResponse<String> cancel = http.send(http.request("/engine-rest/process-instance/" + processInstanceId
                + "?skipCustomListeners=true&skipIoMappings=true", "demo:demo").DELETE());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(204);
    }
}
