package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * A step that asks a note afresh ({@link FreshFields}) and whose form requires it: an integrator's form submission
 * ({@code submit-form}) or completion ({@code complete}) that leaves the note out is refused naming it, as Tasklist
 * refuses it, rather than passing on the note the case holds from the step's earlier run on the case; and nothing
 * changes.
 */
@FollowThroughSpringTest
class FreshFieldsRequiredOverRestTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CaseDeadlines deadlines;

    private final TaskRest rest;

    FreshFieldsRequiredOverRestTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit-form", "complete"})
    void aSecondApprovalSubmittedWithoutItsReasonIsRefusedNamingItAndNothingChanges(String operation)
            throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 250.0)
                .complete("Task_ApproveReimbursement", "maria", Map.of("approvalDecision", "approve",
                        "approvalNote", "Our billing error, the fees are documented"))
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna")
                .customerReopens().diagnose("solved", "company").resolve("company", 500.0);
        String second = c.claim("Task_ApproveReimbursement", "maria");
        List<String> fields = List.of("approvalDecision", "approvalNote", "reimbursementDecided");
        Map<String, Object> caseBefore = caseHolds(c, fields);

        HttpResponse<String> response = rest.post(second, operation, "maria:maria",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"decline\"}}}");

        assertRefusedNaming(response, "approvalNote");
        assertThat(c.task("Task_ApproveReimbursement").getId()).as("the approval is still open").isEqualTo(second);
        assertThat(caseHolds(c, fields)).isEqualTo(caseBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit-form", "complete"})
    void aSecondReplyToTheSolutionSubmittedWithoutADecisionIsRefusedNamingItAndNothingChanges(String operation)
            throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"))
                .diagnose("solved", "company").resolve("company", 0).customerWrites("Thanks, it is gone now.");
        String second = c.task("Task_DecideOnCustomerReply").getId();
        List<String> fields = List.of("replyDecision", "replyNote");
        Map<String, Object> caseBefore = caseHolds(c, fields);

        HttpResponse<String> response = rest.post(second, operation, "anna:anna",
                "{\"variables\": {\"replyNote\": {\"value\": \"Customer confirms by mail\"}}}");

        assertRefusedNaming(response, "replyDecision");
        assertThat(c.task("Task_DecideOnCustomerReply").getId()).as("the decision is still open").isEqualTo(second);
        assertThat(caseHolds(c, fields)).isEqualTo(caseBefore);
    }

    /**
     * The case holds an earlier supervisors' note (as a takeover of a late callback writes it): a completion that
     * leaves this step's out was recorded under "Who stepped in" as the supervisor's, the earlier note again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"submit-form", "complete"})
    void aSupervisorsStepCompletedWithoutWhatTheyDidIsRefusedAndWhoSteppedInKeepsNothingOfIt(String operation)
            throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("specialistNeeded", "unknown");
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");
        c.timeIs(Date.from(adviceDue.toInstant().minus(Duration.ofMinutes(10))))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                        "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        engine.getRuntimeService().setVariable(c.instance.getId(), "supervisorAction", "Calling Jane at 17:00 myself");
        c.timeIs(adviceDue).dueTimersFire();
        String makeSure = c.claim("Task_MakeSureCustomerHearsFromOwner", "maria");
        List<String> fields = List.of("supervisorAction", "supervisorActions");
        Map<String, Object> caseBefore = caseHolds(c, fields);

        HttpResponse<String> response = rest.post(makeSure, operation, "maria:maria", "{\"variables\": {}}");

        assertRefusedNaming(response, "supervisorAction");
        assertThat(c.task("Task_MakeSureCustomerHearsFromOwner").getId()).as("still open").isEqualTo(makeSure);
        assertThat(caseHolds(c, fields)).isEqualTo(caseBefore);
    }

    /**
     * The administrators' chase asks what they did afresh too: an administrator's completion that leaves it out
     * passed on the note the case holds (here the supervisors' chase's), logged under "Who stepped in" as theirs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"submit-form", "complete"})
    void anAdministratorsChaseCompletedWithoutWhatTheyDidIsRefusedNamingIt(String operation) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("specialistNeeded", "unknown");
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_AdviceChaseOverdue");
        engine.getRuntimeService().setVariable(c.instance.getId(), "chaseNote", "Asked Sam to answer by noon");
        String chase = c.claim("Task_ChaseSpecialistAdviceNow", "demo");
        List<String> fields = List.of("chaseNote", "supervisorActions");
        Map<String, Object> caseBefore = caseHolds(c, fields);

        HttpResponse<String> response = rest.post(chase, operation, "demo:demo", "{\"variables\": {}}");

        assertRefusedNaming(response, "chaseNote");
        assertThat(c.task("Task_ChaseSpecialistAdviceNow").getId()).as("still open").isEqualTo(chase);
        assertThat(caseHolds(c, fields)).isEqualTo(caseBefore);
    }

    private Map<String, Object> caseHolds(CaseDriver c, List<String> names) {
        Map<String, Object> held = new HashMap<>(engine.getRuntimeService().getVariables(c.instance.getId(), names));
        names.forEach(name -> held.putIfAbsent(name, "(none)"));
        return held;
    }

    private void assertRefusedNaming(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = rest.json(response);
        assertThat(problem.path("message").asText()).contains("Not saved", "(" + field + ")");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(field);
    }
}
