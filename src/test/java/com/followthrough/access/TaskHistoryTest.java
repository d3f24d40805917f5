package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
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
 * Tasklist's History tab shows who did what to a task: "anna claimed", "maria changed the due date". It reads the
 * engine's user-operation log ({@code GET .../history/user-operation?taskId=...} and its {@code /count}), which the
 * engine shows only to those who read every case's history (supervisors, analysts): an agent saw nothing there on a
 * task she works. Now whoever may work the task reads its entries, and nobody else gains any.
 */
@FollowThroughSpringTest
class TaskHistoryTest {

    private static final String TASKLIST_LOG = "/camunda/api/engine/engine/default/history/user-operation";
    private static final String REST_LOG = "/engine-rest/history/user-operation";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();

    TaskHistoryTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /** Anna claims "Listen to the customer" from her team's queue, and Maria then sets its due date: two entries. */
    private CaseDriver claimedByAnnaDueDateByMaria() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.task("Task_ListenToCustomer").getId();
        as("anna", List.of("agents", "agents-en"), () -> engine.getTaskService().claim(task, "anna"));
        as("maria", List.of("supervisors"),
                () -> engine.getTaskService().setDueDate(task, Date.from(Instant.parse("2030-01-07T10:00:00Z"))));
        return c;
    }

    /** The History tab's two requests, as Tasklist 7.24 sends them for the first page. */
    @Test
    void anAgentSeesWhoClaimedTheTaskSheHoldsInTasklistsHistoryTab() throws Exception {
        String task = claimedByAnnaDueDateByMaria().task("Task_ListenToCustomer").getId();
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");

        HttpResponse<String> page = tasklist.send(tasklist.request(
                TASKLIST_LOG + "?taskId=" + task + "&maxResults=50&firstResult=0").GET());
        HttpResponse<String> count = tasklist.send(tasklist.request(TASKLIST_LOG + "/count?taskId=" + task).GET());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(entries(page)).contains("anna Claim assignee -> anna", "maria SetDueDate dueDate");
        assertThat(rest(page)).isEqualTo(rest(http.get(REST_LOG + "?taskId=" + task
                + "&maxResults=50&firstResult=0", "maria:maria")));
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(rest(count).path("count").asInt()).isEqualTo(rest(page).size()).isGreaterThanOrEqualTo(2);
    }

    /** A teammate may work the task too (it is offered to her team): she sees who holds it, over either API. */
    @Test
    void aTeammateSeesWhoClaimedTheTask() throws Exception {
        String task = claimedByAnnaDueDateByMaria().task("Task_ListenToCustomer").getId();
        TwoAgents.tomJoinsTheEnglishAgents(engine.getIdentityService());
        HttpResponse<String> read;
        try {
            read = http.get(REST_LOG + "?taskId=" + task, TwoAgents.TOM);
        } finally {
            TwoAgents.tomLeaves(engine.getIdentityService());
        }

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(entries(read)).contains("anna Claim assignee -> anna");
        assertThat(rest(read)).isEqualTo(rest(http.get(REST_LOG + "?taskId=" + task, "maria:maria")));
    }

    /** Tasklist pages the log; a page and the order the REST API offers answer as the engine answers a supervisor. */
    @Test
    void pagesAndOrderAreTheEnginesOwn() throws Exception {
        String task = claimedByAnnaDueDateByMaria().task("Task_ListenToCustomer").getId();

        for (String query : List.of("&maxResults=1&firstResult=1", "&sortBy=timestamp&sortOrder=desc",
                "&firstResult=1", "&maxResults=1&sortBy=timestamp&sortOrder=asc")) {
            HttpResponse<String> anna = http.get(REST_LOG + "?taskId=" + task + query, "anna:anna");
            assertThat(anna.statusCode()).as(query + ": " + anna.body()).isEqualTo(200);
            assertThat(rest(anna)).as(query).isNotEmpty()
                    .isEqualTo(rest(http.get(REST_LOG + "?taskId=" + task + query, "maria:maria")));
        }
        HttpResponse<String> sortWithoutOrder = http.get(REST_LOG + "?taskId=" + task + "&sortBy=timestamp",
                "anna:anna");
        assertThat(sortWithoutOrder.statusCode()).as(sortWithoutOrder.body()).isEqualTo(400);
    }

    /**
     * Another team's agent, a specialist not asked about the case, a designer and the intake system may not see the
     * task: its log stays empty for them, over either API.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jonas", "sam", "dana", "portal"})
    void whoMayNotSeeTheTaskStillSeesNothingOfItsLog(String user) throws Exception {
        String task = claimedByAnnaDueDateByMaria().task("Task_ListenToCustomer").getId();

        HttpResponse<String> read = http.get(REST_LOG + "?taskId=" + task, user + ":" + user);
        HttpResponse<String> count = http.get(REST_LOG + "/count?taskId=" + task, user + ":" + user);

        assertThat(read.statusCode()).as(read.body()).isIn(200, 404);
        assertThat(read.body()).doesNotContain(task).doesNotContain("anna");
        assertThat(count.body()).doesNotContain("\"count\":1").doesNotContain("\"count\":2");
        if (user.equals("jonas") || user.equals("sam")) {
            AppHttp.WebappSession tasklist = http.signIn("tasklist", user);
            HttpResponse<String> inTasklist = tasklist.send(tasklist.request(TASKLIST_LOG + "?taskId=" + task
                    + "&maxResults=50&firstResult=0").GET());
            assertThat(inTasklist.body()).doesNotContain(task).doesNotContain("anna");
        }
    }

    /**
     * Only a task's own log, asked as Tasklist asks it: a query of a whole case, or one that names the task and
     * anything else, gets what the engine grants the agent (nothing), even for the task she holds.
     */
    @Test
    void anyOtherQueryOfTheLogIsTheEnginesToAnswer() throws Exception {
        CaseDriver c = claimedByAnnaDueDateByMaria();
        String task = c.task("Task_ListenToCustomer").getId();

        for (String query : List.of("?processInstanceId=" + c.instance.getId(), "",
                "?taskId=" + task + "&processInstanceId=" + c.instance.getId(),
                "?taskId=" + task + "&operationType=Claim", "?taskId=" + task + "&taskId=" + task)) {
            HttpResponse<String> read = http.get(REST_LOG + query, "anna:anna");
            assertThat(read.statusCode()).as(query).isEqualTo(200);
            assertThat(rest(read)).as(query).isEmpty();
        }
    }

    private void as(String user, List<String> groups, Runnable work) {
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication(user, groups);
        try {
            work.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** Each entry as "user operation property" (and " -> new value" where the log names one, as for an assignee). */
    private List<String> entries(HttpResponse<String> answer) throws Exception {
        List<String> entries = new java.util.ArrayList<>();
        for (JsonNode entry : rest(answer)) {
            String value = entry.path("property").asText().equals("assignee")
                    ? " -> " + entry.path("newValue").asText() : "";
            entries.add(entry.path("userId").asText() + " " + entry.path("operationType").asText() + " "
                    + entry.path("property").asText() + value);
        }
        return entries;
    }

    private JsonNode rest(HttpResponse<String> answer) throws Exception {
        return json.readTree(answer.body());
    }
}
