package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * A customer every callback missed calls us while no call of ours is promised: while the supervisors (or the
 * administrators) decide whether we keep trying, or before the voicemail of the call that missed them is left. They
 * spoke to us, so KeepPromise ends as after a call that reached them (the owner promises the next step, in writing),
 * never with "we could not reach you" or "we try again by ...".
 */
@ProcessTest
class UnreachableCustomerCallsInProcessTest {

    private static final String WHILE_DECIDING = "EndEvent_CustomerCalledInWhileDeciding";
    private static final String BEFORE_VOICEMAIL = "EndEvent_CustomerCalledInBeforeVoicemail";
    private static final String SAID = "Jane: I was abroad. Please call me on my mobile, +49 30 1234 5678.";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private CaseDriver c;

    private void everyAttemptEndsInAVoicemail() {
        c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        for (int attempt = 2; attempt <= 3; attempt++) {
            c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                    .callBack("Task_CallCustomerAgain", "notReached");
        }
    }

    /**
     * The defect the audit found: the call was attached as an ordinary message while the supervisors' decision stayed
     * open, and "write and close" then told Jane in writing that we could not reach her, right after she called us.
     */
    @Test
    void aCustomerWhoCallsInWhileTheSupervisorsDecideIsNotToldWeCouldNotReachThem() {
        everyAttemptEndsInAVoicemail();
        String decision = c.claim("Task_DecideCustomerUnreachable", "maria");

        CaseInbox.Outcome outcome = inbox.customerCalledIn(c.reference, SAID);
        c.runAsyncSteps();
        Throwable refused = catchThrowable(() -> engine.getTaskService().complete(decision,
                Map.of("unreachableDecision", "writeAndClose")));
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("no letter saying we could not reach her").doesNotContain(CUSTOMER_UNREACHABLE);
        assertThat(refused).as("her call ended the decision: nothing is left to decide")
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Cannot find task");
        theCaseGoesOnAsAfterACallThatReachedHer(outcome, "Event_CustomerCalledInWhileDeciding", WHILE_DECIDING);
    }

    @Test
    void theSameWhileTheAdministratorsDecide() {
        everyAttemptEndsInAVoicemail();
        c.timePasses(Duration.ofHours(2)).timerFires("Event_UnreachableDecisionOverdue");
        String decision = c.task("Task_DecideCustomerUnreachableNow").getId();

        CaseInbox.Outcome outcome = inbox.customerCalledIn(c.reference, SAID);
        c.runAsyncSteps();
        Throwable refused = catchThrowable(() -> engine.getTaskService().complete(decision,
                Map.of("unreachableDecision", "writeAndClose")));
        c.runAsyncSteps();

        assertThat(c.messagesSent()).doesNotContain(CUSTOMER_UNREACHABLE);
        assertThat(refused).isInstanceOf(ProcessEngineException.class).hasMessageContaining("Cannot find task");
        theCaseGoesOnAsAfterACallThatReachedHer(outcome, "Event_CustomerCalledInWhileDecidingNow", WHILE_DECIDING);
    }

    /**
     * The supervisors did not decide in time, and the message "our administrators decide by ..." waits for the job
     * executor: a call then found no decision open, was attached as an ordinary message, and the administrators' "write
     * and close" told Jane we could not reach her right after she called us.
     */
    @Test
    void aCustomerWhoCallsInBeforeTheAdministratorsAreAskedIsNotToldWeCouldNotReachThem() {
        everyAttemptEndsInAVoicemail();
        c.timePasses(Duration.ofHours(2)).timerFiresBeforeTheStepsAfterIt("Event_UnreachableDecisionOverdue");
        assertThat(c.asyncStepWaits("Task_TellCustomerUnreachableDecisionPending")).isTrue();

        CaseInbox.Outcome outcome = inbox.customerCalledIn(c.reference, SAID);
        c.runAsyncSteps();
        List<Task> leftToDecide = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_DecideCustomerUnreachableNow").list();
        leftToDecide.forEach(task -> engine.getTaskService().complete(task.getId(),
                Map.of("unreachableDecision", "writeAndClose")));
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("no letter saying we could not reach her, nor who decides about it by when")
                .doesNotContain(CUSTOMER_UNREACHABLE, UNREACHABLE_DECISION_PENDING);
        assertThat(leftToDecide).as("her call ended the decision before the administrators got it").isEmpty();
        theCaseGoesOnAsAfterACallThatReachedHer(outcome, "Event_CustomerCalledInWhileDecidingNow", WHILE_DECIDING);
    }

    /**
     * The supervisors chose "write and close" because nobody could reach Jane, and the letter waits for the job
     * executor: she calls us meanwhile. She has been reached, so the letter saying we could not reach her does not go
     * out, and the case goes on as after a call that reached her.
     */
    @Test
    void aCustomerWhoCallsInBeforeTheLetterGoesOutGetsNoLetterSayingWeCouldNotReachThem() {
        everyAttemptEndsInAVoicemail();
        String decision = c.claim("Task_DecideCustomerUnreachable", "maria");
        engine.getTaskService().complete(decision, Map.of("unreachableDecision", "writeAndClose"));
        assertThat(c.asyncStepWaits("Task_WriteToUnreachableCustomer")).isTrue();

        CaseInbox.Outcome outcome = inbox.customerCalledIn(c.reference, SAID);
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("no letter saying we could not reach her").doesNotContain(CUSTOMER_UNREACHABLE);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_ResolveProblem").count()).as("no solution promised in writing").isZero();
        theCaseGoesOnAsAfterACallThatReachedHer(outcome, "Event_CustomerCalledInBeforeLetter", WHILE_DECIDING);
    }

    /**
     * The call that missed Jane is recorded, and she calls us before the job executor left the voicemail: the
     * voicemail would tell her "we will try again by ..." (or, after the last attempt, that a team lead decides how we
     * go on), just after she spoke to us.
     */
    @Test
    void aCustomerWhoCallsInBeforeTheVoicemailIsLeftGetsNoVoicemail() {
        c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
        c.promiseCallbackIn(Duration.ofHours(2));
        engine.getTaskService().complete(c.task("Task_CallCustomerBack").getId(),
                Map.of("callbackOutcome", "notReached", "callbackNotes", "Voicemail box"));

        CaseInbox.Outcome outcome = inbox.customerCalledIn(c.reference, SAID);
        c.runAsyncSteps();

        assertThat(c.messagesSent()).as("no voicemail promising a call she no longer waits for")
                .doesNotContain(VOICEMAIL);
        assertThat(c.promises()).as("no retry promised").hasSize(1);
        theCaseGoesOnAsAfterACallThatReachedHer(outcome, "Event_CustomerCalledInBeforeVoicemail", BEFORE_VOICEMAIL);
    }

    @Test
    void theSameAfterTheLastAttemptNoDecisionIsOpened() {
        c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
        c.promiseCallbackIn(Duration.ofHours(2)).callBack("Task_CallCustomerBack", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver")
                .callBack("Task_CallCustomerAgain", "notReached");
        c.timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        engine.getTaskService().complete(c.task("Task_CallCustomerAgain").getId(),
                Map.of("callbackOutcome", "notReached", "callbackNotes", "Voicemail box"));

        CaseInbox.Outcome outcome = inbox.customerCalledIn(c.reference, SAID);
        c.runAsyncSteps();

        assertThat(c.messagesSent()).filteredOn(kind -> kind == VOICEMAIL).as("only the two before her call")
                .hasSize(2);
        assertThat(c.instance).hasNotPassed("Task_DecideCustomerUnreachable");
        theCaseGoesOnAsAfterACallThatReachedHer(outcome, "Event_CustomerCalledInBeforeVoicemail", BEFORE_VOICEMAIL);
    }

    /**
     * As after a callback that reached the customer without solving it: the promise is over (none left open), the
     * owner promises the next call, which reaches the customer in writing, and what she said is on the case for it,
     * with no answer task beside it (as Event_CustomerCalledIn while we wait to call again).
     */
    private void theCaseGoesOnAsAfterACallThatReachedHer(CaseInbox.Outcome outcome, String calledIn, String ended) {
        assertThat(outcome).as("a call the promise was waiting for").isEqualTo(CaseInbox.Outcome.TAKEN);
        assertThat(c.promisePassed(calledIn)).isTrue();
        assertThat(c.promisePassed(ended)).isTrue();
        assertThat(c.instance).hasPassed("CallActivity_KeepPromise");
        assertThat(c.variableNow("callbackOutcome")).as("what the case learns from the promise: she called in")
                .isEqualTo("customerCalledIn");
        assertThat(c.promises()).extracting(Promise::status).doesNotContain(Promise.Status.OPEN);
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(c.messages()).as("what Jane said is on the case, for anna's promise")
                .filteredOn(m -> m.direction() == CustomerMessage.Direction.INBOUND)
                .extracting(CustomerMessage::channel, CustomerMessage::body)
                .containsExactly(tuple("phone", SAID));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(c.reference)
                .taskDefinitionKey("Task_AnswerCustomerMessage").count()).as("anna's promise answers it").isZero();

        c.promiseCallbackIn(Duration.ofMinutes(30));
        assertThat(c.messagesSent()).as("the new time for our call, in writing").last().isEqualTo(PROMISE_CONFIRMATION);
    }
}
