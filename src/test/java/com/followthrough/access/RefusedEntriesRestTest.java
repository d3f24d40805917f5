package com.followthrough.access;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.TimeZone;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * An integrator completing a task through Camunda's REST API gets the same refusals as Tasklist: {@code 400} with the
 * reason in {@code message}, and nothing changes.
 */
@FollowThroughSpringTest
class RefusedEntriesRestTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final TaskRest rest;

    RefusedEntriesRestTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

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
    void callbackInThePastIsRefusedWithBadRequestAndTheReasonOnCompleteAndOnSubmitForm() throws Exception {
        CaseDriver c = annaKnowsTheAnswer();
        String taskId = c.task("Task_PromiseCallback").getId();
        Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
        String entered = rest.variables(Map.of("nextActions", "Ask billing to reverse the second debit",
                "callbackAt", yesterday.toString(), "callbackNumber", "+1 555 0100"));

        for (String endpoint : new String[] {"complete", "submit-form"}) {
            HttpResponse<String> response = rest.post(taskId, endpoint, "anna:anna", entered);

            assertThat(response.statusCode()).as(endpoint).isEqualTo(400);
            JsonNode problem = rest.json(response);
            assertThat(problem.path("message").asText())
                    .startsWith("Cannot " + ("complete".equals(endpoint) ? "complete task " : "submit task form ")
                            + taskId + ": The callback time ")
                    .contains("has already passed", "Pick a time from now on, when you will really call.")
                    .doesNotContain("ENGINE-", "TaskListener");
            assertThat(problem.path("errors").path(0).path("field").asText()).as(endpoint).isEqualTo("callbackAt");
        }
        assertThat(c.task("Task_PromiseCallback").getAssignee()).isEqualTo("anna");
        assertThat(c.promises()).isEmpty();
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT);
    }

    @Test
    void nextActionsOrCallbackNumberOfOnlySpacesAreRefusedNamingTheFieldAndNothingChanges() throws Exception {
        CaseDriver c = annaKnowsTheAnswer();
        String taskId = c.task("Task_PromiseCallback").getId();
        Map<String, Object> before = engine.getTaskService().getVariables(taskId);
        String soon = Instant.now().plus(Duration.ofHours(2)).toString();

        HttpResponse<String> noActions = rest.post(taskId, "complete", "anna:anna",
                rest.variables(Map.of("nextActions", "   ", "callbackAt", soon, "callbackNumber", "+1 555 0100")));
        assertRefusedNaming(noActions, taskId, "nextActions");
        assertThat(rest.message(noActions)).isEqualTo("Cannot complete task " + taskId
                + ": Say what you will do next (nextActions): the customer gets it in writing, so it cannot be empty"
                + " or only spaces");

        HttpResponse<String> noNumber = rest.post(taskId, "complete", "anna:anna",
                rest.variables(Map.of("nextActions", "Ask billing", "callbackAt", soon, "callbackNumber", "  ")));
        assertRefusedNaming(noNumber, taskId, "callbackNumber");

        assertThat(c.task("Task_PromiseCallback").getId()).as("the task is still open").isEqualTo(taskId);
        assertThat(engine.getTaskService().getVariables(taskId)).isEqualTo(before);
        assertThat(c.promises()).isEmpty();
    }

    @Test
    void aTakeoverMissingWhatTheSupervisorDidOrWhoCallsIsRefusedNamingTheFieldAndNothingChanges() throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
        CaseDriver c = annaKnowsTheAnswer().promiseCallbackIn(Duration.ofHours(3));
        c.timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue").timePasses(Duration.ofMinutes(10));
        String taskId = c.task("Task_KeepPromiseAtRisk").getId();
        Map<String, Object> before = engine.getTaskService().getVariables(taskId);

        assertRefusedNaming(rest.post(taskId, "complete", "maria:maria",
                rest.variables(Map.of("takeover", "myself", "supervisorAction", " "))), taskId, "supervisorAction");
        assertRefusedNaming(rest.post(taskId, "complete", "maria:maria",
                rest.variables(Map.of("supervisorAction", "I call now"))), taskId, "takeover");
        assertRefusedNaming(rest.post(taskId, "complete", "maria:maria",
                rest.variables(Map.of("takeover", "colleague", "supervisorAction", "Anna calls"))),
                taskId, "colleague");
        assertRefusedNaming(rest.post(taskId, "complete", "maria:maria", rest.variables(
                Map.of("takeover", "colleague", "colleague", "nobody", "supervisorAction", "Someone calls"))),
                taskId, "colleague");

        assertThat(c.task("Task_KeepPromiseAtRisk").getId()).as("the step is still open").isEqualTo(taskId);
        assertThat(engine.getTaskService().getVariables(taskId)).isEqualTo(before);
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isEqualTo("anna");
        assertThat(c.promises()).singleElement().satisfies(p -> assertThat(p.takenOverBy()).isNull());
    }

    /**
     * {@code 400} whose {@code message} (what Tasklist shows) names the variable to change, and whose {@code errors}
     * name it for a program, as the API's problem details do.
     */
    private void assertRefusedNaming(HttpResponse<String> response, String taskId, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = rest.json(response);
        assertThat(body.path("message").asText()).as(field).startsWith("Cannot complete task " + taskId + ": ")
                .containsPattern("\\(" + field + "\\)|^Cannot complete task \\S+: " + field + ": ")
                .doesNotContain("ENGINE-", "TaskListener");
        assertThat(body.path("type").asText()).as("Camunda's own fields stay").isEqualTo("RestException");
        assertThat(body.path("errors")).as(response.body()).hasSize(1);
        assertThat(body.path("errors").path(0).path("field").asText()).isEqualTo(field);
        assertThat(body.path("errors").path(0).path("message").asText()).contains(field);
    }

    @Test
    void callbackTypedAsAClockTimeMeansThatTimeInTheSupportZoneWhateverTheServersZoneAndTheCustomerReadsIt()
            throws Exception {
        TimeZone serverZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            CaseDriver c = annaKnowsTheAnswer();
            String taskId = c.task("Task_PromiseCallback").getId();
            assertThat(engine.getFormService().getTaskFormVariables(taskId).get("supportTimeZone"))
                    .as("the zone the form names").asString().matches("Europe/Berlin \\(CES?T\\)");
            LocalDate tomorrow = LocalDate.now(CaseDriver.BERLIN).plusDays(1);
            String typed = tomorrow + "T10:30";

            HttpResponse<String> refused = rest.post(taskId, "submit-form", "anna:anna",
                    rest.variables(Map.of("nextActions", "Ask billing to reverse the second debit",
                            "callbackAt", tomorrow.format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " 10:30",
                            "callbackNumber", "+1 555 0100")));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(rest.message(refused)).contains("(callbackAt)");
            assertThat(c.promises()).isEmpty();

            HttpResponse<String> response = rest.post(taskId, "submit-form", "anna:anna",
                    rest.variables(Map.of("nextActions", "Ask billing to reverse the second debit",
                            "callbackAt", typed, "callbackNumber", "+1 555 0100")));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            c.runAsyncSteps();

            assertThat(c.promises()).extracting(Promise::dueAt).containsExactly(CaseDriver.berlin(typed));
            assertThat(c.messagesSent()).contains(PROMISE_CONFIRMATION);
            assertThat(c.messages().get(c.messagesSent().lastIndexOf(PROMISE_CONFIRMATION)).body())
                    .as("the confirmation repeats the clock time the agent typed")
                    .contains(tomorrow.getDayOfMonth() + " ", ", 10:30 CE");
        } finally {
            TimeZone.setDefault(serverZone);
        }
    }

    /**
     * The customer is told "we have paid you ... on {@code paidOn}" at once: a day that has not come yet is refused,
     * naming the field, and nothing changes. Today is the support team's day (Europe/Berlin), whatever the zone of
     * the server (here New York, still the day before) or of UTC: at 00:30 on Tuesday in Berlin, Tuesday may be
     * recorded, Wednesday may not.
     */
    @Test
    void aPaymentDayAfterTodayInTheSupportZoneIsRefusedNamingPaidOnAndTheCustomerIsNotToldItIsPaid() throws Exception {
        TimeZone serverZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-11-24T00:30")));
            CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                    .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 15.0);
            String taskId = c.task("Task_ArrangeReimbursement").getId();
            Map<String, Object> before = engine.getTaskService().getVariables(taskId);

            HttpResponse<String> tomorrow = rest.post(taskId, "complete", "anna:anna",
                    rest.variables(Map.of("paymentMethod", "bankTransfer", "paidOn", "2026-11-25",
                            "paymentReference", "TRX-2026-4711")));

            assertRefusedNaming(tomorrow, taskId, "paidOn");
            assertThat(rest.message(tomorrow))
                    .contains("Wed 25 Nov 2026", "after today, Tue 24 Nov 2026 in Europe/Berlin");
            assertThat(c.task("Task_ArrangeReimbursement").getId()).as("the task is still open").isEqualTo(taskId);
            assertThat(engine.getTaskService().getVariables(taskId)).isEqualTo(before);
            c.runAsyncSteps();
            assertThat(c.messagesSent()).doesNotContain(REIMBURSEMENT_ARRANGED);

            HttpResponse<String> today = rest.post(taskId, "submit-form", "anna:anna",
                    rest.variables(Map.of("paymentMethod", "bankTransfer", "paidOn", "2026-11-24",
                            "paymentReference", "TRX-2026-4711")));
            assertThat(today.statusCode()).as(today.body()).isEqualTo(204);
            c.runAsyncSteps();
            assertThat(c.messages().get(c.messagesSent().indexOf(REIMBURSEMENT_ARRANGED)).body())
                    .contains("on 24 November 2026");
        } finally {
            TimeZone.setDefault(serverZone);
        }
    }

    /**
     * A payment cannot go out before it was decided: a payment day before the day the reimbursement was decided (in
     * the support team's zone) is refused naming the field, and nothing changes, whatever day the server's zone or UTC
     * has. Decided at 00:30 on Tuesday in Berlin (Monday in New York and in UTC): Monday is refused, and so is a day
     * before the case was opened; Tuesday may be recorded.
     */
    @Test
    void aPaymentDayBeforeTheReimbursementWasDecidedIsRefusedNamingPaidOnAndNothingChanges() throws Exception {
        TimeZone serverZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-11-24T00:30")));
            CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                    .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 15.0);
            String taskId = c.task("Task_ArrangeReimbursement").getId();
            Map<String, Object> before = engine.getTaskService().getVariables(taskId);

            for (String day : new String[] {"2026-11-23", "2025-11-24"}) {
                HttpResponse<String> early = rest.post(taskId, "complete", "anna:anna",
                        rest.variables(Map.of("paymentMethod", "bankTransfer", "paidOn", day,
                                "paymentReference", "TRX-2026-4711")));

                assertRefusedNaming(early, taskId, "paidOn");
                assertThat(rest.message(early))
                        .contains("before the reimbursement was decided, on Tue 24 Nov 2026 in Europe/Berlin");
            }
            assertThat(c.task("Task_ArrangeReimbursement").getId()).as("the task is still open").isEqualTo(taskId);
            assertThat(engine.getTaskService().getVariables(taskId)).isEqualTo(before);
            c.runAsyncSteps();
            assertThat(c.messagesSent()).doesNotContain(REIMBURSEMENT_ARRANGED);

            HttpResponse<String> decisionDay = rest.post(taskId, "complete", "anna:anna",
                    rest.variables(Map.of("paymentMethod", "bankTransfer", "paidOn", "2026-11-24",
                            "paymentReference", "TRX-2026-4711")));
            assertThat(decisionDay.statusCode()).as(decisionDay.body()).isEqualTo(204);
        } finally {
            TimeZone.setDefault(serverZone);
        }
    }

    @Test
    void approvalAboveTheSupervisorsAuthorityIsRefusedWithWhoCanDecide() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 2500.0)
                .customerConfirmsTheSolution();
        String taskId = c.task("Task_ApproveReimbursement").getId();

        HttpResponse<String> response = rest.post(taskId, "complete", "maria:maria",
                rest.variables(Map.of("approvalDecision", "approve", "approvalNote", "Our billing error")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(rest.message(response))
                .contains("This reimbursement of 2,500.00 EUR is above your authority"
                        + " (supervisors decide up to 1,000.00 EUR)",
                        "an administrator (group camunda-admin), that is Demo Admin (demo)");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).contains("Task_ApproveReimbursement");
        assertThat(c.messagesSent()).doesNotContain(REIMBURSEMENT_OFFER);

        assertThat(rest.post(taskId, "complete", "demo:demo",
                rest.variables(Map.of("approvalDecision", "approve", "approvalNote", "Our billing error")))
                .statusCode()).isEqualTo(204);
        c.runAsyncSteps();
        assertThat(c.messagesSent()).contains(REIMBURSEMENT_OFFER);
    }

    @Test
    void aCostOfTheMissAboveTheDocumentedCostIsRefusedNamingItOnCompleteAndOnSubmitFormAndNothingChanges()
            throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "thirdParty");
        String taskId = c.task("Task_ResolveProblem").getId();
        Map<String, Object> before = engine.getTaskService().getVariables(taskId);
        String entered = rest.variables(Map.of("resolutionSummary", "The second debit was reversed",
                "faultParty", "thirdParty", "customerCost", 30.0, "costOfTheMiss", 40.0));

        for (String endpoint : new String[] {"complete", "submit-form"}) {
            HttpResponse<String> response = rest.post(taskId, endpoint, "anna:anna", entered);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            JsonNode body = rest.json(response);
            assertThat(body.path("message").asText()).as(endpoint).contains("costOfTheMiss", "30")
                    .doesNotContain("ENGINE-", "TaskListener");
            assertThat(body.path("errors")).as(response.body()).hasSize(1);
            assertThat(body.path("errors").path(0).path("field").asText()).isEqualTo("costOfTheMiss");
        }
        assertThat(c.task("Task_ResolveProblem").getId()).as("the step is still open").isEqualTo(taskId);
        assertThat(engine.getTaskService().getVariables(taskId)).isEqualTo(before);
        assertThat(c.messagesSent()).containsExactly(ACKNOWLEDGMENT);
    }
}
