package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * A task someone has claimed is theirs to do: a colleague of the same team, who could complete it while it sat in the
 * queue, may not complete it behind their back over {@code /engine-rest} or Tasklist's API (the customer would hear
 * from someone who never called). Camunda's default grants let every candidate complete it: it was {@code 204}. A
 * supervisor, who may take any task over, and the one who holds it still complete it.
 */
@FollowThroughSpringTest
class ClaimedTaskTest {

    private static final String TOM = "tom:a-long-password-1";
    /** "Listen to the customer" as Tasklist submits it. */
    private static final String LISTENED = "{\"variables\": {"
            + "\"problemInCustomersWords\": {\"value\": \"Charged twice for November\"},"
            + " \"factsGathered\": {\"value\": \"Two debits of 49 EUR on 2 Nov\"},"
            + " \"questionsAsked\": {\"value\": \"Which card?\"},"
            + " \"preferredContactChannel\": {\"value\": \"phone\"},"
            + " \"callbackNumber\": {\"value\": \"+1 555 0100\"},"
            + " \"discountRequested\": {\"value\": false}, \"spokeToCustomer\": {\"value\": \"yes\"}}}";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    ClaimedTaskTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    void tomJoinsTheEnglishAgents() {
        User tom = engine.getIdentityService().newUser("tom");
        tom.setFirstName("Tom");
        tom.setLastName("Baker");
        tom.setPassword("a-long-password-1");
        engine.getIdentityService().saveUser(tom);
        engine.getIdentityService().createMembership("tom", "agents");
        engine.getIdentityService().createMembership("tom", "agents-en");
    }

    @AfterEach
    void tomLeaves() {
        engine.getIdentityService().deleteUser("tom");
    }

    private String listenClaimedByAnna(CaseDriver c) {
        String listen = c.task("Task_ListenToCustomer").getId();
        engine.getTaskService().claim(listen, "anna");
        return listen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete", "submit-form"})
    void aColleagueCannotCompleteATaskAnotherAgentClaimed(String action) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = listenClaimedByAnna(c);
        Object problemBefore = c.variableNow("problemInCustomersWords");

        HttpResponse<String> refused = http.postJson("/engine-rest/task/" + listen + "/" + action, TOM, LISTENED);

        assertRefusedNaming(refused, listen, "Anna Clarke (anna)", "anna");
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).as("still open, Anna's").isEqualTo("anna");
        assertThat(c.variableNow("problemInCustomersWords")).as("nothing of Tom's saved").isEqualTo(problemBefore);
    }

    @Test
    void aColleagueCannotSubmitTheFormOfATaskAnotherAgentClaimedInTasklist() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = c.task("Task_ListenToCustomer").getId();
        engine.getTaskService().claim(listen, "tom");
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");

        HttpResponse<String> refused = tasklist.send(tasklist.request("/camunda/api/engine/engine/default/task/"
                + listen + "/submit-form").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LISTENED)));

        assertRefusedNaming(refused, listen, "Tom Baker (tom)", "tom");
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("tom");
    }

    @Test
    void theAgentWhoClaimedItCompletesIt() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = listenClaimedByAnna(c);

        HttpResponse<String> done = http.postJson("/engine-rest/task/" + listen + "/submit-form", "anna:anna",
                LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    @Test
    void aSupervisorStillCompletesATaskAnAgentClaimed() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = listenClaimedByAnna(c);

        HttpResponse<String> done = http.postJson("/engine-rest/task/" + listen + "/submit-form", "maria:maria",
                LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    @Test
    void aCandidateStillCompletesATaskNobodyClaimed() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String listen = c.task("Task_ListenToCustomer").getId();

        HttpResponse<String> done = http.postJson("/engine-rest/task/" + listen + "/submit-form", TOM, LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private void assertRefusedNaming(HttpResponse<String> refused, String taskId, String holder, String holderId)
            throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("message").asText()).as(refused.body()).contains(holder, "supervisor",
                "nothing you entered was saved");
        assertThat(problem.path("taskId").asText()).isEqualTo(taskId);
        assertThat(problem.path("assignee").asText()).isEqualTo(holderId);
    }
}
