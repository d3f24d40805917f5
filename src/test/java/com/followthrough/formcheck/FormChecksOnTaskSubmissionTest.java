package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A task submitted through Camunda's REST API ({@code complete} and {@code submit-form}) is checked against the
 * task's deployed Camunda Form as Tasklist's form would check it: {@code 400} naming the field, and nothing changes.
 */
@FollowThroughSpringTest
class FormChecksOnTaskSubmissionTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final TaskRest rest;

    FormChecksOnTaskSubmissionTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private CaseDriver annaListened() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());
    }

    private static Map<String, Object> diagnosis(String outcome) {
        Map<String, Object> entered = new LinkedHashMap<>();
        entered.put("diagnosis", "Billing run charged twice");
        entered.put("faultParty", "company");
        entered.put("diagnosisOutcome", outcome);
        return entered;
    }

    private HttpResponse<String> submit(String endpoint, Task task, String user, Map<String, Object> entered)
            throws Exception {
        return rest.post(task.getId(), endpoint, user + ":" + user, rest.variables(entered));
    }

    /** A completion whose {@code typed} values carry the REST API's {@code type}, as an integrator may send them. */
    private HttpResponse<String> submitTyped(Task task, String user, Map<String, Object> entered,
                                             Map<String, Map<String, Object>> typed) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        entered.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        variables.putAll(typed);
        return rest.post(task.getId(), "complete", user + ":" + user, rest.asJson(Map.of("variables", variables)));
    }

    /** The refusal's message, after Camunda's "Cannot complete task {id}: " that Tasklist's notice leaves out. */
    private String refusal(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        String message = rest.message(response);
        assertThat(message).doesNotContain("ENGINE-", "TaskListener");
        return message.substring(message.indexOf(": ") + 2);
    }

    private void assertNothingChanged(CaseDriver c, String taskKey, Map<String, Object> before) {
        Task task = c.task(taskKey);
        assertThat(engine.getTaskService().getVariables(task.getId())).isEqualTo(before);
    }

    @Test
    void anOptionTheFormDoesNotOfferIsRefusedOnCompleteAndOnSubmitFormAndTheCaseDoesNotMove() throws Exception {
        CaseDriver c = annaListened();
        Task diagnose = c.task("Task_DiagnoseProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(diagnose.getId());

        for (String endpoint : new String[] {"complete", "submit-form"}) {
            String message = refusal(submit(endpoint, diagnose, "anna", diagnosis("waitForSupplier")));

            assertThat(message).as(endpoint).isEqualTo("Not saved. Please correct: \"Where does the case stand?\""
                    + " (diagnosisOutcome) must be one of [answerKnown, solved, specialistNeeded, waitForCustomer],"
                    + " not 'waitForSupplier'");
        }
        assertNothingChanged(c, "Task_DiagnoseProblem", before);
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).containsExactly("Task_DiagnoseProblem");
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "diagnosisOutcome")).isNull();
    }

    @Test
    void aNewResolutionDateInThePastIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        CaseDriver c = annaListened();
        Object target = engine.getRuntimeService().getVariable(c.instance.getId(), "resolutionDueAt");
        c.timeIs((java.util.Date) target).timerFires("StartEvent_ResolutionTargetPassed");
        Task setDate = c.task("Task_SetNewResolutionTarget");
        Map<String, Object> before = engine.getTaskService().getVariables(setDate.getId());

        String message = refusal(submit("complete", setDate, "maria", Map.of("resolutionPlan", "Billing reverses it",
                "newResolutionDueAt", "2020-01-06T09:00+01:00")));

        assertThat(message).startsWith("newResolutionDueAt: the new resolution date Mon 6 Jan 2020")
                .contains("has already passed");
        assertNothingChanged(c, "Task_SetNewResolutionTarget", before);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "resolutionDueAt")).isEqualTo(target);
        assertThat(c.messagesSent()).doesNotContain(com.followthrough.communication.MessageKind.RESOLUTION_DELAYED);
    }

    @Test
    void requiredFieldsLeftOutOrBlankAreEachNamed() throws Exception {
        CaseDriver c = annaListened();
        Task diagnose = c.task("Task_DiagnoseProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(diagnose.getId());

        String message = refusal(submit("submit-form", diagnose, "anna",
                Map.of("diagnosis", " \t ", "diagnosisOutcome", "solved")));

        assertThat(message).startsWith("Not saved. Please correct: \"")
                .contains("\" (diagnosis) is required and cannot be empty or only spaces; \"",
                        "\" (faultParty) is required")
                .doesNotContain("diagnosisOutcome");
        assertNothingChanged(c, "Task_DiagnoseProblem", before);
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company");
        Task resolve = c.task("Task_ResolveProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(resolve.getId());
        Map<String, Object> entered = new HashMap<>(
                Map.of("resolutionSummary", "Second debit reversed", "faultParty", "company"));

        entered.put("customerCost", "fifteen euros");
        assertThat(refusal(submit("complete", resolve, "anna", entered)))
                .contains("\" (customerCost) must be a number, not the text 'fifteen euros'");
        entered.put("customerCost", true);
        assertThat(refusal(submit("complete", resolve, "anna", entered)))
                .contains("customerCost", "must be a number, not true");
        entered.put("customerCost", 15);
        entered.put("resolutionSummary", 42);
        assertThat(refusal(submit("complete", resolve, "anna", entered)))
                .contains("resolutionSummary", "must be text, not 42");

        assertNothingChanged(c, "Task_ResolveProblem", before);
    }

    @Test
    void aCostSentAsTextIsRefusedNotReimbursedAsNothing() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company");
        Task resolve = c.task("Task_ResolveProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(resolve.getId());

        String message = refusal(submitTyped(resolve, "anna", Map.of("resolutionSummary", "Second debit reversed",
                "faultParty", "company"), Map.of("customerCost", Map.of("value", "250", "type", "String"))));

        assertThat(message).as("Tasklist sends a number; text read as no cost offered a refund of 0.00 EUR")
                .contains("\" (customerCost) must be a number, not the text '250'");
        assertNothingChanged(c, "Task_ResolveProblem", before);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "customerCost")).isNull();
    }

    @Test
    void aValueSentAsJsonWhereTheFormTakesOneValueIsRefused() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company");
        Task resolve = c.task("Task_ResolveProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(resolve.getId());
        Map<String, Object> entered = Map.of("resolutionSummary", "Second debit reversed");

        String message = refusal(submitTyped(resolve, "anna", entered, Map.of(
                "customerCost", Map.of("value", "250", "type", "Json"),
                "faultParty", Map.of("value", "\"company\"", "type", "Json"))));

        assertThat(message).as("Tasklist sends one value as it is; a Json 250 was read as no cost, like text")
                .contains("\" (customerCost) must be a number, not the JSON value 250",
                        "\" (faultParty) must be one value, not the JSON value \"company\"");
        assertNothingChanged(c, "Task_ResolveProblem", before);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "customerCost")).isNull();
    }

    @Test
    void aCostWithMoreDecimalDigitsThanTheFormAllowsIsRefused() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company");
        Task resolve = c.task("Task_ResolveProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(resolve.getId());

        String message = refusal(submit("complete", resolve, "anna", Map.of(
                "resolutionSummary", "Second debit reversed",
                "faultParty", "company", "customerCost", 12.345)));

        assertThat(message).contains("\" (customerCost) must have at most 2 decimal digits, not 12.345");
        assertNothingChanged(c, "Task_ResolveProblem", before);
    }

    @Test
    void aPaymentDaySentAsAMomentIsRefusedNotWrittenToTheCustomerAsAnotherDay() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company").resolve("company", 50);
        Task arrange = c.task("Task_ArrangeReimbursement");
        Map<String, Object> before = engine.getTaskService().getVariables(arrange.getId());

        String message = refusal(submitTyped(arrange, "anna", Map.of("paymentMethod", "bankTransfer",
                "paymentReference", "TRX-2026-4711"),
                Map.of("paidOn", Map.of("value", "2026-11-24T00:00:00.000+0100", "type", "Date"))));

        assertThat(message).as("the customer read 'paid on Mon Nov 23 23:00:00 UTC 2026'")
                .contains("\" (paidOn) must be a date such as 2026-12-03, not ");
        assertNothingChanged(c, "Task_ArrangeReimbursement", before);
        assertThat(c.messagesSent()).doesNotContain(com.followthrough.communication.MessageKind.REIMBURSEMENT_ARRANGED);
    }

    @Test
    void aCallbackTimeThatHasPassedIsRefusedNamingTheFieldOfTheForm() throws Exception {
        ClockUtil.setCurrentTime(java.util.Date.from(CaseDriver.MONDAY_9AM));
        CaseDriver c = annaListened().diagnose("answerKnown", "company");
        Task promise = c.task("Task_PromiseCallback");
        Map<String, Object> before = engine.getTaskService().getVariables(promise.getId());

        String message = refusal(submit("complete", promise, "anna", Map.of("nextActions", "Ask billing",
                "callbackAt", "2020-01-06T09:00", "callbackNumber", "+1 555 0100")));

        assertThat(message).startsWith("The callback time (callbackAt) Mon 6 Jan 2020, 09:00 CET has already passed");
        assertNothingChanged(c, "Task_PromiseCallback", before);
        assertThat(c.promises()).isEmpty();
    }

    @Test
    void aNewCallbackTimeThatHasPassedIsRefusedNamingTheSupervisorsField() throws Exception {
        ClockUtil.setCurrentTime(java.util.Date.from(CaseDriver.MONDAY_9AM));
        CaseDriver c = annaListened().diagnose("answerKnown", "company")
                .promiseCallbackIn(java.time.Duration.ofHours(1))
                .timePasses(java.time.Duration.ofHours(1)).timerFires("Event_CallbackDue");
        Task atRisk = c.task("Task_KeepPromiseAtRisk");
        Map<String, Object> before = engine.getTaskService().getVariables(atRisk.getId());

        String message = refusal(submit("complete", atRisk, "maria", Map.of("takeover", "myself",
                "supervisorAction", "Reached her, agreed a new time", "newCallbackAt", "2020-01-06T09:00")));

        assertThat(message).as("the form's field is newCallbackAt; callbackAt is the promise's, set from it")
                .startsWith("The callback time (newCallbackAt) Mon 6 Jan 2020, 09:00 CET has already passed");
        assertNothingChanged(c, "Task_KeepPromiseAtRisk", before);
    }

    @Test
    void aRequiredFieldLeftOutGetsTheStartValueTasklistWouldHaveSubmitted() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company");
        Task resolve = c.task("Task_ResolveProblem");

        HttpResponse<String> response = submit("complete", resolve, "anna",
                Map.of("resolutionSummary", "Second debit reversed", "faultParty", "company"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "customerCost")).isEqualTo(0);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "costOfTheMiss"))
                .as("not required: left out, and read as 0").isNull();
        c.runAsyncSteps();
        assertThat(c.variable("reimbursementKind")).isEqualTo("none");
    }

    @Test
    void aCheckboxTakesOnlyTrueOrFalse() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        Task listen = c.task("Task_ListenToCustomer");
        engine.getTaskService().claim(listen.getId(), "anna");
        Map<String, Object> entered = new HashMap<>(Map.of("problemInCustomersWords", "Charged twice",
                "questionsAsked", "Which card?", "factsGathered", "Two debits", "preferredContactChannel", "phone",
                "callbackNumber", "+1 555 0100", "discountRequested", "yes"));

        assertThat(refusal(submit("complete", listen, "anna", entered)))
                .contains("\" (discountRequested) must be true or false, not 'yes'");
        assertThat(c.task("Task_ListenToCustomer")).isNotNull();
    }

    /**
     * The last-chance call's form asks whether the customer asked for a discount: the tick sent over REST is a field
     * of the form, accepted and traced. Before, the form had no such field and the call was refused naming it.
     */
    @Test
    void aDiscountTickedOnTheLastChanceCallIsAFieldOfItsForm() throws Exception {
        ClockUtil.setCurrentTime(java.util.Date.from(CaseDriver.MONDAY_9AM));
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .closeAfterABrokenPromise();
        Task call = c.task("Task_CallForALastChance");
        engine.getTaskService().claim(call.getId(), "maria");

        HttpResponse<String> response = submit("complete", call, "maria", Map.of("lastChanceOutcome", "stays",
                "lastChanceNotes", "Wants 20% off to stay", "discountRequested", true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(c.task("Task_TraceDiscountOffer")).as("the supervisors trace it").isNotNull();
    }

    @Test
    void boundsOfTheFormAreChecked() throws Exception {
        CaseDriver c = annaListened().diagnose("solved", "company");
        Task resolve = c.task("Task_ResolveProblem");
        Map<String, Object> entered = new HashMap<>(Map.of("resolutionSummary", "Second debit reversed",
                "faultParty", "company", "customerCost", -5));

        assertThat(refusal(submit("complete", resolve, "anna", entered)))
                .contains("customerCost", "must be at least 0, not -5");
        entered.put("customerCost", 0);
        entered.put("resolutionSummary", "x".repeat(4001));
        assertThat(refusal(submit("complete", resolve, "anna", entered)))
                .contains("resolutionSummary", "must be at most 4000 characters, not 4001");
        assertThat(c.task("Task_ResolveProblem")).isNotNull();
    }

    @Test
    void aSubmissionThatMeetsTheFormIsAcceptedAndRoutesTheCase() throws Exception {
        CaseDriver c = annaListened();
        Task diagnose = c.task("Task_DiagnoseProblem");

        HttpResponse<String> response = submit("submit-form", diagnose, "anna", diagnosis("answerKnown"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).containsExactly("Task_PromiseCallback");
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "diagnosisOutcome"))
                .isEqualTo("answerKnown");
    }
    @Test
    void aValueForAFieldTheFormHidesForWhatWasEnteredIsRefusedNamingItAndChangesNothing() throws Exception {
        CaseDriver c = annaListened();
        Task diagnose = c.task("Task_DiagnoseProblem");
        Map<String, Object> before = engine.getTaskService().getVariables(diagnose.getId());
        Map<String, Object> entered = diagnosis("solved");
        entered.put("customerQuestion", "Which account was charged?");

        for (String endpoint : new String[] {"complete", "submit-form"}) {
            HttpResponse<String> refused = submit(endpoint, diagnose, "anna", entered);

            assertThat(refusal(refused)).as(endpoint).startsWith("Not saved: ").contains("customerQuestion",
                    "diagnosisOutcome != \"waitForCustomer\"");
            assertThat(rest.json(refused).path("errors").path(0).path("field").asText())
                    .isEqualTo("customerQuestion");
        }
        assertNothingChanged(c, "Task_DiagnoseProblem", before);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "customerQuestion")).isNull();
    }

    /**
     * On the callback, whose form reads the promise's question as it is (the diagnosis asks its question afresh,
     * FreshFields, so its form reads none).
     */
    @Test
    void aHiddenFieldSentBackWithTheValueTheCaseHoldsIsAccepted() throws Exception {
        CaseDriver c = annaListened().diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2));
        Task callback = c.task("Task_CallCustomerBack");
        engine.getRuntimeService().setVariable(callback.getProcessInstanceId(), "customerQuestion",
                "Which account was charged?");
        Map<String, Object> entered = new LinkedHashMap<>();
        entered.put("callbackOutcome", "reachedNotSolved");
        entered.put("callbackNotes", "Jane checks her statement");
        entered.put("customerQuestion", engine.getFormService().getTaskFormVariables(callback.getId())
                .getValue("customerQuestion", String.class));
        assertThat(entered.get("customerQuestion")).as("what the form read").isEqualTo("Which account was charged?");

        HttpResponse<String> response = submit("complete", callback, "anna", entered);

        assertThat(response.statusCode()).as("a client that sends the form's variables back as it read them")
                .isEqualTo(204);
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).doesNotContain("Task_CallCustomerBack");
    }

    @Test
    void aFieldShownForWhatWasEnteredTakesItsValue() throws Exception {
        CaseDriver c = annaListened();
        Map<String, Object> entered = diagnosis("waitForCustomer");
        entered.put("customerQuestion", "Which account was charged?");

        HttpResponse<String> response = submit("complete", c.task("Task_DiagnoseProblem"), "anna", entered);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(engine.getRuntimeService().getVariable(c.instance.getId(), "customerQuestion"))
                .isEqualTo("Which account was charged?");
    }
}
