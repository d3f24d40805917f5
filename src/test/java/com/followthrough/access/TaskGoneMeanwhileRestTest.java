package com.followthrough.access;

import static com.followthrough.access.TwoAgents.LISTENED;
import static com.followthrough.access.TwoAgents.TOM;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
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
import com.followthrough.AgentTime;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.SupportProperties;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.People;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Two people have the same task open in Tasklist; one of them completes it, or the process withdraws it (the customer
 * heard from us meanwhile). What the other then sends to the task (complete, submit-form, claim, unclaim, assignee,
 * delegate, resolve) gets {@code 409} saying who did it and when, or when and why it was withdrawn, and that nothing
 * was saved; a task that never existed, or one the caller was never offered, gets {@code 404} naming the task id. The
 * engine answered {@code 500} ("Cannot find task with id ...").
 */
@FollowThroughSpringTest
class TaskGoneMeanwhileRestTest {

    /** Each action on a task with what Tasklist or a REST client sends with it. */
    private static final Map<String, String> ACTIONS = Map.of(
            "complete", "{\"variables\": {}}",
            "submit-form", "{\"variables\": {\"problemInCustomersWords\": {\"value\": \"Charged twice\"}}}",
            "claim", "{\"userId\": \"tom\"}",
            "unclaim", "",
            "assignee", "{\"userId\": \"tom\"}",
            "delegate", "{\"userId\": \"tom\"}",
            "resolve", "{\"variables\": {}}");

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired SupportProperties properties;

    private final TaskRest rest;

    TaskGoneMeanwhileRestTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    void tomJoinsTheEnglishAgents() {
        ClockUtil.reset();
        TwoAgents.tomJoinsTheEnglishAgents(engine.getIdentityService());
    }

    @AfterEach
    void tomLeaves() {
        ClockUtil.reset();
        TwoAgents.tomLeaves(engine.getIdentityService());
    }

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
    }

    private String at(String taskId) {
        Date ended = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
                .getEndTime();
        return AgentTime.readable(ended.toInstant(), properties.support().timeZone());
    }

    @Test
    void aQueueTaskAColleagueCompletedMeanwhileIs409SayingWhoAndWhenForEveryActionOnIt() throws Exception {
        CaseDriver c = open();
        String listen = c.task("Task_ListenToCustomer").getId();
        c.timePasses(Duration.ofMinutes(7)).listen("anna", Map.of());
        List<String> openBefore = c.openTasks().stream().map(t -> t.getId()).toList();

        for (var action : ACTIONS.entrySet()) {
            HttpResponse<String> late = rest.post(listen, action.getKey(), TOM, action.getValue());

            assertThat(late.statusCode()).as(action.getKey() + ": " + late.body()).isEqualTo(409);
            assertThat(late.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .contains("json"));
            JsonNode problem = rest.json(late);
            assertThat(problem.path("message").asText()).as(action.getKey()).isEqualTo("This step was done already,"
                    + " by Anna Clarke (anna) at " + at(listen) + "; nothing you entered was saved.");
            assertThat(problem.path("detail").asText()).isEqualTo(problem.path("message").asText());
            assertThat(problem.path("title").asText()).isEqualTo("Done already");
            assertNamesTheTask(problem, listen, "was done already, by Anna Clarke (anna)");
        }
        assertThat(c.openTasks().stream().map(t -> t.getId()).toList()).as("nothing changed").isEqualTo(openBefore);
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(listen).singleResult()
                .getAssignee()).isEqualTo("anna");

        HttpResponse<String> notOffered = rest.post(listen, "complete", "jonas:jonas", "{\"variables\": {}}");
        assertNotFoundNaming(notOffered, listen);
    }

    private String named(String userId) {
        return People.named(engine.getIdentityService().createUserQuery().userId(userId).singleResult());
    }

    /**
     * A supervisor may complete any task (TASK_WORK on every task) without taking it first: the 409 names her, who
     * did it, not the colleague it was assigned to; it named Anna, who had not done it.
     */
    @Test
    void aTaskASupervisorCompletedForItsAssigneeIs409NamingTheSupervisor() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");
        HttpResponse<String> done = rest.post(listen, "submit-form", "maria:maria", LISTENED);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

        HttpResponse<String> late = rest.post(listen, "complete", "anna:anna", "{\"variables\": {}}");

        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(rest.message(late)).isEqualTo("This step was done already, by "
                + named("maria") + " at " + at(listen) + "; nothing you entered was saved.");
    }

    /** A candidate may complete a queue task without claiming it: the 409 names him, not "a colleague". */
    @Test
    void aQueueTaskCompletedWithoutAClaimIs409NamingWhoCompletedIt() throws Exception {
        CaseDriver c = open();
        String listen = c.task("Task_ListenToCustomer").getId();
        HttpResponse<String> done = rest.post(listen, "submit-form", TOM, LISTENED);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

        HttpResponse<String> late = rest.post(listen, "claim", "anna:anna", "{\"userId\": \"anna\"}");

        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(rest.message(late)).isEqualTo("This step was done already, by "
                + named("tom") + " at " + at(listen) + "; nothing you entered was saved.");
    }

    @Test
    void aStepTheProcessWithdrewMeanwhileIs409SayingWhenAndWhyInTasklistToo() throws Exception {
        CaseDriver c = open();
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseDue");
        String giveFirstResponse = c.task("Task_GiveFirstResponse").getId();
        c.timePasses(Duration.ofMinutes(10)).listen("anna", Map.of("spokeToCustomer", "yes"));
        List<String> openBefore = c.openTasks().stream().map(t -> t.getId()).toList();
        String expected = "This step was withdrawn at " + at(giveFirstResponse) + " (Customer heard from us"
                + " meanwhile); nothing you entered was saved.";

        HttpResponse<String> late = rest.post(giveFirstResponse, "submit-form", "maria:maria",
                "{\"variables\": {\"firstResponseNote\": {\"value\": \"Called Jane\"},"
                        + " \"reachedCustomerByPhone\": {\"value\": \"yes\"}}}");
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(rest.message(late)).isEqualTo(expected);
        assertThat(rest.json(late).path("title").asText()).isEqualTo("Withdrawn");
        assertNamesTheTask(rest.json(late), giveFirstResponse, "was withdrawn at " + at(giveFirstResponse));

        var tasklist = rest.signInToTasklist("maria");
        for (String action : List.of("submit-form", "claim")) {
            HttpResponse<String> inTasklist = rest.post(tasklist, giveFirstResponse, action,
                    "claim".equals(action) ? "{\"userId\": \"maria\"}" : "{\"variables\": {}}");
            assertThat(inTasklist.statusCode()).as(action + ": " + inTasklist.body()).isEqualTo(409);
            assertThat(rest.message(inTasklist)).as("what Tasklist shows").isEqualTo(expected);
        }
        assertThat(c.openTasks().stream().map(t -> t.getId()).toList()).as("nothing changed").isEqualTo(openBefore);
        assertThat(c.variableNow("firstResponseNote")).isNull();

        assertNotFoundNaming(rest.post(giveFirstResponse, "complete", TOM, "{\"variables\": {}}"),
                giveFirstResponse);
    }

    @Test
    void aTaskThatNeverExistedIs404NamingItForEveryActionOnIt() throws Exception {
        for (var action : ACTIONS.entrySet()) {
            assertNotFoundNaming(rest.post("no-such-task", action.getKey(), TOM, action.getValue()), "no-such-task");
            assertNotFoundNaming(rest.http().postJson("/engine-rest/engine/default/task/no-such-task/"
                    + action.getKey(), "maria:maria", action.getValue()), "no-such-task");
        }
    }

    private static void assertNamesTheTask(JsonNode problem, String taskId, String what) {
        assertThat(problem.path("errors").findValuesAsText("field")).as(problem.toString()).containsExactly("taskId");
        assertThat(problem.path("errors").path(0).path("message").asText()).startsWith(what);
        assertThat(problem.path("taskId").asText()).isEqualTo(taskId);
    }

    private void assertNotFoundNaming(HttpResponse<String> response, String taskId) throws Exception {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        JsonNode problem = rest.json(response);
        assertThat(problem.path("message").asText()).contains(taskId).doesNotContain("done already", "withdrawn");
        assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("taskId");
        assertThat(problem.path("errors").path(0).path("message").asText()).contains(taskId);
    }
}
