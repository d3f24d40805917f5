package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.promise.Promises;

/**
 * A step done in time is done in the case header, also once its due time has passed: whoever opens the case later
 * read the owner's word given and the reimbursement paid as "**overdue**", since the header knew no "done" for them.
 * The callback made and the message answered leave no deadline behind: their dates end with the step that kept them.
 */
@ProcessTest(startsAt = "2026-11-17T10:00")
class DeadlinesDoneInTheHeaderProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired SurveyAnswers answers;

    private CaseDriver listenedTo() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of());
    }

    @Test
    void aCallbackMadeInTimeIsDoneDaysLater() {
        CaseDriver c = listenedTo().diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2))
                .timePasses(Duration.ofHours(1)).callBack("Task_CallCustomerBack", "reachedSolved")
                .timePasses(Duration.ofDays(3));

        assertThat(linesOf(c, "Callback promised for")).noneMatch(line -> line.contains("overdue"));
    }

    @Test
    void aMessageAnsweredInTimeIsDoneDaysLater() {
        CaseDriver c = listenedTo().timePasses(Duration.ofMinutes(30)).customerWrites("Is the refund on its way?")
                .timePasses(Duration.ofHours(1))
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes, it left today."))
                .timePasses(Duration.ofDays(3));

        assertThat(linesOf(c, "Answer the customer's message")).noneMatch(line -> line.contains("overdue"));
    }

    @Test
    void theOwnersWordAfterTheSpecialistsAdviceIsDoneDaysLater() {
        CaseDriver c = listenedTo().diagnose("specialistNeeded", "unknown")
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                        "faultParty", "company", "diagnosisOutcome", "answerKnown"))
                .promiseCallbackIn(Duration.ofDays(4)).timePasses(Duration.ofDays(3));

        assertThat(deadline(c, "Customer hears from the owner")).endsWith(" · done");
    }

    @Test
    void aReimbursementPaidInTimeIsDoneDaysLater() {
        CaseDriver c = listenedTo().diagnose("solved", "company").resolve("company", 80.0)
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna")
                .timePasses(Duration.ofDays(10)).customerWrites("One more question about the invoice");

        assertThat(deadline(c, "Reimbursement paid")).endsWith(" · done");
    }

    @Test
    void theLastChanceCallThatPromisedACallbackIsNotOverdueOnThatCallback() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .closeAfterABrokenPromise()
                .complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)))
                .timePasses(Duration.ofDays(3));

        assertThat(c.openTasks()).extracting(task -> task.getTaskDefinitionKey()).contains("Task_CallCustomerBack");
        assertThat(linesOf(c, "Last-chance call")).noneMatch(line -> line.contains("overdue"));
    }

    /**
     * The supervisor made the last-chance call, and the discount the customer asked for on it is still being traced
     * days later: the trace's header reads the call as done. Nothing recorded the call, so it read "**overdue**".
     */
    @Test
    void theLastChanceCallMadeIsDoneOnADiscountTraceLeftOpenAfterIt() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .closeAfterABrokenPromise()
                .complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "stays",
                        "lastChanceNotes", "She stays only for 30% off", "discountRequested", true))
                .timePasses(Duration.ofDays(3));

        assertThat(c.openTasks()).extracting(task -> task.getTaskDefinitionKey()).contains("Task_TraceDiscountOffer");
        assertThat(deadline(c, "Last-chance call")).contains(" · done ").doesNotContain("overdue");
    }

    /**
     * A poor rating after the last-chance call was made brings the call round again, on a fresh deadline: the earlier
     * call does not make it done, and it reads overdue once that deadline passes with no call made.
     */
    @Test
    void aLastChanceCallThatComesRoundAgainIsOverdueWhenNotMadeAgain() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .closeAfterABrokenPromise()
                .complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "stays",
                        "lastChanceNotes", "She stays"));
        answers.answer(c.reference, c.surveyToken(), 1, null);
        c.runAsyncSteps();
        assertThat(deadline(c, "Last-chance call")).doesNotContain("done");

        c.timePasses(Duration.ofDays(3));

        assertThat(c.openTasks()).extracting(task -> task.getTaskDefinitionKey()).contains("Task_CallForALastChance");
        assertThat(deadline(c, "Last-chance call")).endsWith(" · **overdue**");
    }

    /**
     * A reopened case runs on a fresh resolution date, counted from the reopening: its header reads that date open.
     * It read "done" at the time of the earlier resolution, so whoever worked the reopened case read it as solved.
     */
    @Test
    void aReopenedCaseReadsItsFreshResolutionDateAsOpen() {
        CaseDriver c = listenedTo().diagnose("solved", "company").resolve("company", 0.0)
                .timePasses(Duration.ofHours(1)).customerWrites("The December invoice has the same error")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"));

        assertThat(c.openTasks()).extracting(task -> task.getTaskDefinitionKey()).contains("Task_DiagnoseProblem");
        assertThat(deadline(c, "Resolution")).doesNotContain("done");

        c.timePasses(Duration.ofDays(10));

        assertThat(deadline(c, "Resolution")).endsWith(" · **overdue**");
    }

    /**
     * The customer's reply to the solution is answered by the decision on it: reopened, the customer is told at once
     * that we are back on it. The reply's time to answer stayed on the case, and the reopened case's header read
     * "Answer the customer's message: by ... · **overdue**" once it had passed.
     */
    @Test
    void aReplyDecidedByReopeningIsNotOverdueDaysLater() {
        CaseDriver c = listenedTo().diagnose("solved", "company").resolve("company", 0.0)
                .timePasses(Duration.ofHours(1)).customerWrites("The December invoice has the same error")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"))
                .timePasses(Duration.ofDays(1));

        assertThat(c.openTasks()).extracting(task -> task.getTaskDefinitionKey()).contains("Task_DiagnoseProblem");
        assertThat(linesOf(c, "Answer the customer's message")).noneMatch(line -> line.contains("overdue"));
    }

    /** The deadline's line in the header of every open task of the case: the same on each. */
    private String deadline(CaseDriver c, String label) {
        List<String> lines = linesOf(c, label);
        assertThat(lines).as("the line '%s' on the open tasks %s", label, c.openTasks()).hasSize(1);
        return lines.get(0);
    }

    /** The deadline's lines in the headers of the case's open tasks, each once. */
    private List<String> linesOf(CaseDriver c, String label) {
        return c.openTasks().stream()
                .map(task -> engine.getFormService().getTaskFormVariables(task.getId())
                        .getValue("caseHeader", String.class))
                .flatMap(String::lines).filter(line -> line.startsWith("- **" + label)).distinct().toList();
    }
}
