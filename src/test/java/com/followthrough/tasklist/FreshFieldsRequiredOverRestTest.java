package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A step that asks a note afresh ({@link FreshFields}) and whose form requires it: an integrator's form submission
 * that leaves the note out is refused naming it, as Tasklist refuses it, rather than passing on the note the case
 * holds from the step's earlier run on the case; and nothing changes.
 */
@FollowThroughSpringTest
class FreshFieldsRequiredOverRestTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    FreshFieldsRequiredOverRestTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void aSecondApprovalSubmittedWithoutItsReasonIsRefusedNamingItAndNothingChanges() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 250.0)
                .complete("Task_ApproveReimbursement", "maria", Map.of("approvalDecision", "approve",
                        "approvalNote", "Our billing error, the fees are documented"))
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna")
                .customerReopens().diagnose("solved", "company").resolve("company", 500.0);
        String second = c.task("Task_ApproveReimbursement").getId();
        engine.getTaskService().claim(second, "maria");
        List<String> fields = List.of("approvalDecision", "approvalNote", "reimbursementDecided");
        Map<String, Object> caseBefore = caseHolds(c, fields);

        HttpResponse<String> response = http.postJson("/engine-rest/task/" + second + "/submit-form", "maria:maria",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"decline\"}}}");

        assertRefusedNaming(response, "approvalNote");
        assertThat(c.task("Task_ApproveReimbursement").getId()).as("the approval is still open").isEqualTo(second);
        assertThat(caseHolds(c, fields)).isEqualTo(caseBefore);
    }

    @Test
    void aSecondReplyToTheSolutionSubmittedWithoutADecisionIsRefusedNamingItAndNothingChanges() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen"))
                .diagnose("solved", "company").resolve("company", 0).customerWrites("Thanks, it is gone now.");
        String second = c.task("Task_DecideOnCustomerReply").getId();
        List<String> fields = List.of("replyDecision", "replyNote");
        Map<String, Object> caseBefore = caseHolds(c, fields);

        HttpResponse<String> response = http.postJson("/engine-rest/task/" + second + "/submit-form", "anna:anna",
                "{\"variables\": {\"replyNote\": {\"value\": \"Customer confirms by mail\"}}}");

        assertRefusedNaming(response, "replyDecision");
        assertThat(c.task("Task_DecideOnCustomerReply").getId()).as("the decision is still open").isEqualTo(second);
        assertThat(caseHolds(c, fields)).isEqualTo(caseBefore);
    }

    private Map<String, Object> caseHolds(CaseDriver c, List<String> names) {
        Map<String, Object> held = new HashMap<>(engine.getRuntimeService().getVariables(c.instance.getId(), names));
        names.forEach(name -> held.putIfAbsent(name, "(none)"));
        return held;
    }

    private void assertRefusedNaming(HttpResponse<String> response, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("message").asText()).contains("Not saved", "(" + field + ")");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly(field);
    }
}
