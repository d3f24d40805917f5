package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * What a person sees in Tasklist when the server refuses an entry (the reason, kept at the top of the task, the task
 * still open), and a supervisor taking over a late callback by handing it to a colleague picked from a list.
 */
@FollowThroughSpringTest
class RefusalsAndTakeoverInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    /** How the date fields read and take a date: day first (Tasklist script date-pickers.js), not mm/dd/yyyy. */
    private static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private CaseDriver annaKnowsTheAnswer() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company");
    }

    @Test
    void agentSeesTheCallbackWindowUpFrontAndThePickerOffersNoDayBeyondIt() {
        CaseDriver c = annaKnowsTheAnswer();
        String promise = c.task("Task_PromiseCallback").getId();

        tasklist.logInAs("anna").openFilter(TasklistFilters.MY_TASKS).searchCase(c.reference).openTask("Promise Jane Doe a callback — " + c.reference, promise)
                .waitForText("at least 5 minutes from now and at most 30 days ahead")
                .fill("Your next actions", "I will ask billing to reverse the second debit.")
                .fill("Callback date", LocalDate.now().plusDays(31).format(FORM_DATE))
                .fill("Callback time", "10:00")
                .fill("Number you will call", "+1 555 0100");
        // The picker does not take a day beyond the window: the date is gone and the promise cannot be completed.
        assertThat(tasklist.formErrors()).contains("Field is required.");
        assertThat(tasklist.valueOf("Callback date")).isEmpty();
        assertThat(tasklist.isEnabled("Complete")).isFalse();
        tasklist.screenshot("promise-too-far-ahead-not-offered");

        String lastDay = LocalDate.now().plusDays(30).format(FORM_DATE);
        tasklist.fill("Callback date", lastDay).fill("Callback time", "10:00");
        assertThat(tasklist.valueOf("Callback date")).as("the 30th day ahead, day first").isEqualTo(lastDay);
        tasklist.screenshot("promise-form-with-the-window");
        assertThat(c.task("Task_PromiseCallback").getId()).isEqualTo(promise);
        assertThat(c.promises()).isEmpty();
    }

    @Test
    void aRequiredAnswerOfOnlySpacesIsRefusedByTheServerWithTheFieldNamed() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());
        String diagnose = c.task("Task_DiagnoseProblem").getId();

        // form-js takes spaces as an answer; the server's check of the deployed form does not.
        tasklist.logInAs("anna").openFilter(TasklistFilters.MY_TASKS).searchCase(c.reference)
                .openTask("Diagnose: Invoice shows the wrong amount — " + c.reference, diagnose)
                .waitForText("Case " + c.reference)
                .fill("Diagnosis", "    ")
                .choose("Who is at fault?", "Our company (our product, service or a mistake on our side)")
                .choose("Where does the case stand?", "Solved — the customer's problem is fixed");
        tasklist.submit("Complete");

        assertThat(tasklist.refusal()).contains("Not saved. Please correct: \"Diagnosis\" (diagnosis)"
                + " is required and cannot be empty or only spaces");
        tasklist.screenshot("blank-diagnosis-refused");
        assertThat(c.task("Task_DiagnoseProblem").getId()).isEqualTo(diagnose);
    }

    @Test
    void aRefusalIsShownOnceWithoutTheTaskIdAndTheFixedFormCompletesWithoutClosingIt() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());
        String diagnose = c.task("Task_DiagnoseProblem").getId();

        tasklist.logInAs("anna").openFilter(TasklistFilters.MY_TASKS).searchCase(c.reference)
                .openTask("Diagnose: Invoice shows the wrong amount — " + c.reference, diagnose)
                .waitForText("Case " + c.reference)
                .fill("Diagnosis", "   ")
                .choose("Who is at fault?", "Our company (our product, service or a mistake on our side)")
                .choose("Where does the case stand?", "Solved — the customer's problem is fixed");
        tasklist.press("Complete");

        String reason = "\"Diagnosis\" (diagnosis) is required and cannot be empty or only spaces";
        assertThat(tasklist.refusal()).contains("Not saved. Please correct: " + reason).doesNotContain(diagnose);
        assertThat(tasklist.visibleAlerts()).as("alerts on the page").singleElement().satisfies(alert ->
                assertThat(alert).contains(reason).doesNotContain(diagnose, "Cannot submit"));

        tasklist.fill("Diagnosis", "Our billing run charged the card twice").pressComplete();

        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).doesNotContain("Task_DiagnoseProblem");
    }

    @Test
    void supervisorHandsALateCallbackToAColleaguePickedFromTheCasesTeam() {
        // On the 24/7 plan: the supervisors get a broken promise at once only while the case's team works ("Team at
        // work?"), and this case runs in real time, for the browser: on premium it failed from 19:00 Berlin time.
        Map<String, Object> jane = CaseDriver.caseFromJane();
        jane.put("plan", "enterprise");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, jane)
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(1));
        ClockUtil.setCurrentTime(Date.from(CaseDriver.now().plus(Duration.ofMinutes(61))));
        c.timerFires("Event_CallbackDue");
        ClockUtil.reset();
        String atRisk = c.task("Task_KeepPromiseAtRisk").getId();

        tasklist.logInAs("maria").openFilter(TasklistFilters.SUPERVISOR_QUEUE).searchCase(c.reference).openTask("Keep the promise to Jane Doe — " + c.reference, atRisk)
                .claim().waitForText("Case " + c.reference)
                .choose("Who calls the customer now?", "Hand the callback to a colleague")
                .choose("Colleague who calls", "Anna Clarke (anna)")
                .fill("What you did or will do to keep the promise", "Anna is back from her break and calls Jane now.");
        tasklist.screenshot("takeover-form");
        tasklist.complete();

        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isEqualTo("anna");
        assertThat(c.promises()).singleElement().satisfies(p -> {
            assertThat(p.takenOverBy()).isEqualTo("maria");
            assertThat(p.handedTo()).isEqualTo("anna");
        });
    }

    @Test
    void supervisorIsToldWhoCanDecideAReimbursementAboveHerAuthority() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 1800.0)
                .customerConfirmsTheSolution();
        String approval = c.task("Task_ApproveReimbursement").getId();

        tasklist.logInAs("maria").openFilter(TasklistFilters.APPROVALS).searchCase(c.reference).openTask("Approve a reimbursement for Jane Doe — " + c.reference, approval)
                .claim().waitForText("supervisors up to 1,000.00 EUR")
                .choose("Your decision", "Approve — reimburse the customer as proposed")
                .fill("Reason", "Our billing run charged twice");
        tasklist.screenshot("approval-form");
        tasklist.submit("Complete");

        assertThat(tasklist.refusal())
                .contains("This reimbursement of 1,800.00 EUR is above your authority", "Demo Admin (demo)");
        assertThat(c.task("Task_ApproveReimbursement").getAssignee()).isEqualTo("maria");
    }
}
