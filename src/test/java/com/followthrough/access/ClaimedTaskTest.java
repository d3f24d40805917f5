package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import static com.followthrough.access.TwoAgents.LISTENED;
import static com.followthrough.access.TwoAgents.TOM;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A task someone has claimed is theirs to do: a colleague of the same team, who could complete it while it sat in the
 * queue, may not complete it behind their back over {@code /engine-rest} or Tasklist's API (the customer would hear
 * from someone who never called). Camunda's default grants let every candidate complete it: it was {@code 204}. A
 * supervisor, who may take any task over, and the one who holds it still complete it. Nor may an agent claim a task
 * for anyone but herself: a claim for a colleague handed them the task, a claim for nobody took a colleague's claimed
 * task away from them ({@code 204} both); a supervisor still claims a task for an agent.
 */
@FollowThroughSpringTest
class ClaimedTaskTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final TaskRest rest;

    ClaimedTaskTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    void tomJoinsTheEnglishAgents() {
        TwoAgents.tomJoinsTheEnglishAgents(engine.getIdentityService());
    }

    @AfterEach
    void tomLeaves() {
        TwoAgents.tomLeaves(engine.getIdentityService());
    }

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete", "submit-form"})
    void aColleagueCannotCompleteATaskAnotherAgentClaimed(String action) throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");
        Object problemBefore = c.variableNow("problemInCustomersWords");

        HttpResponse<String> refused = rest.post(listen, action, TOM, LISTENED);

        assertRefusedNaming(refused, listen, "Anna Clarke (anna)", "anna");
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).as("still open, Anna's").isEqualTo("anna");
        assertThat(c.variableNow("problemInCustomersWords")).as("nothing of Tom's saved").isEqualTo(problemBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete", "submit-form"})
    void aColleagueWhoAlsoSendsVariablesTheFormHasNotLearnsFirstThatTheTaskIsNotTheirs(String action)
            throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");
        String pastTheForm = LISTENED.replace("{\"variables\": {",
                "{\"variables\": {\"reimbursementDecided\": {\"value\": true}, ");

        HttpResponse<String> refused = rest.post(listen, action, TOM, pastTheForm);

        assertRefusedNaming(refused, listen, "Anna Clarke (anna)", "anna");
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).as("still open, Anna's").isEqualTo("anna");
    }

    @Test
    void aColleagueCannotSubmitTheFormOfATaskAnotherAgentClaimedInTasklist() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "tom");
        AppHttp.WebappSession tasklist = rest.signInToTasklist("anna");

        HttpResponse<String> refused = rest.post(tasklist, listen, "submit-form", LISTENED);

        assertRefusedNaming(refused, listen, "Tom Baker (tom)", "tom");
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("tom");
    }

    @Test
    void theAgentWhoClaimedItCompletesIt() throws Exception {
        String listen = open().claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> done = rest.post(listen, "submit-form", "anna:anna", LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    @Test
    void aSupervisorStillCompletesATaskAnAgentClaimed() throws Exception {
        String listen = open().claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> done = rest.post(listen, "submit-form", "maria:maria", LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    @Test
    void aCandidateStillCompletesATaskNobodyClaimed() throws Exception {
        String listen = open().task("Task_ListenToCustomer").getId();

        HttpResponse<String> done = rest.post(listen, "submit-form", TOM, LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    @Test
    void anAgentCannotClaimAQueueTaskForSomeoneElse() throws Exception {
        String listen = open().task("Task_ListenToCustomer").getId();

        HttpResponse<String> refused = rest.post(listen, "claim", "anna:anna", "{\"userId\": \"tom\"}");

        assertClaimRefused(refused, listen);
        assertThat(engine.getTaskService().createTaskQuery().taskId(listen).singleResult().getAssignee())
                .as("still in the team queue, nobody's").isNull();
    }

    @Test
    void anAgentCannotHandAQueueTaskToSomeoneElseInTasklist() throws Exception {
        String listen = open().task("Task_ListenToCustomer").getId();
        AppHttp.WebappSession tasklist = rest.signInToTasklist("anna");

        HttpResponse<String> refused = rest.post(tasklist, listen, "claim", "{\"userId\": \"jonas\"}");

        assertClaimRefused(refused, listen);
        assertThat(engine.getTaskService().createTaskQuery().taskId(listen).singleResult().getAssignee()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userId\": null}", "{}"})
    void aColleagueCannotTakeAClaimedTaskAwayByClaimingItForNobody(String body) throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> refused = rest.post(listen, "claim", TOM, body);

        assertClaimRefused(refused, listen);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).as("still Anna's").isEqualTo("anna");
    }

    @Test
    void anAgentClaimsAQueueTaskForHerself() throws Exception {
        CaseDriver c = open();
        String listen = c.task("Task_ListenToCustomer").getId();

        HttpResponse<String> claimed = rest.post(listen, "claim", "anna:anna", "{\"userId\": \"anna\"}");

        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
    }

    @Test
    void aSupervisorStillClaimsATaskForAnAgent() throws Exception {
        CaseDriver c = open();
        String listen = c.task("Task_ListenToCustomer").getId();

        HttpResponse<String> handed = rest.post(listen, "claim", "maria:maria", "{\"userId\": \"anna\"}");

        assertThat(handed.statusCode()).as(handed.body()).isEqualTo(204);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
    }

    private void assertClaimRefused(HttpResponse<String> refused, String taskId) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        JsonNode problem = rest.json(refused);
        assertThat(problem.path("message").asText()).as(refused.body()).contains("for yourself", "supervisor",
                "Unclaim", "nothing changed");
        assertThat(problem.path("taskId").asText()).isEqualTo(taskId);
        assertThat(problem.path("errors").path(0).path("field").asText()).as(refused.body()).isEqualTo("userId");
    }

    private void assertRefusedNaming(HttpResponse<String> refused, String taskId, String holder, String holderId)
            throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        JsonNode problem = rest.json(refused);
        assertThat(problem.path("message").asText()).as(refused.body()).contains(holder, "supervisor",
                "nothing you entered was saved");
        assertThat(problem.path("taskId").asText()).isEqualTo(taskId);
        assertThat(problem.path("assignee").asText()).isEqualTo(holderId);
        assertThat(problem.path("title").asText()).isEqualTo("Held by a colleague");
        assertThat(problem.path("errors").findValuesAsText("field")).as(refused.body()).containsExactly("taskId");
        assertThat(problem.path("errors").path(0).path("message").asText()).contains(holder);
    }
}
