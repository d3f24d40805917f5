package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.AppHttp;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

import db.migration.V16_13__Callbacks_in_no_queue_go_to_their_teams;

/**
 * A callback a supervisor gave back before a callback given back went to its team's queue: no assignee, no candidate
 * group, in nobody's list, while its promise still named the agent who made it. The data repair V16_13 offers it to
 * the case team's queue, where a colleague finds it in Tasklist's *Team queue* and may take it, and the promise names
 * the team. In April 2032, away from the other tests' cases.
 */
@ProcessTest(startsAt = "2032-04-05T09:00")
class CallbacksInNoQueueRepairTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @LocalServerPort int port;

    private CaseDriver c;

    @BeforeEach
    void aColleagueOfTheTeam() {
        CaseDriver.joinsWithPassword(engine.getIdentityService(), "olivia", "olivia-password", "Olivia", "Grant",
                "agents", "agents-en");
    }

    @AfterEach
    void caseAndColleagueGone() {
        if (c != null) {
            engine.getRuntimeService().deleteProcessInstance(c.instance.getId(), "test over");
        }
        engine.getIdentityService().deleteUser("olivia");
    }

    @Test
    void aCallbackGivenBackToNoQueueBeforeThisVersionIsInItsTeamsQueueAfterTheRepair() throws Exception {
        c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(6));
        String callback = c.task("Task_CallCustomerBack").getId();
        givenBackByAnOlderVersion(callback);
        assertThat(candidateGroups(callback)).as("in no queue").isEmpty();
        assertThat(teamQueueOf("olivia:olivia-password", callback)).as("Olivia does not see it")
                .doesNotContain(callback);

        int repaired;
        try (Connection connection = dataSource.getConnection()) {
            repaired = V16_13__Callbacks_in_no_queue_go_to_their_teams.offerToTheirTeamsQueue(connection);
        }

        assertThat(repaired).isPositive();
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isNull();
        assertThat(candidateGroups(callback)).as("the case team's queue").containsExactly("agents-en");
        assertThat(teamQueueOf("olivia:olivia-password", callback)).as("Olivia finds it in her Team queue")
                .contains(callback);
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly(null, "agents-en");
        var claimed = new AppHttp(port).postJson("/engine-rest/task/" + callback + "/claim", "olivia:olivia-password",
                "{\"userId\": \"olivia\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isEqualTo("olivia");

        try (Connection connection = dataSource.getConnection()) {
            V16_13__Callbacks_in_no_queue_go_to_their_teams.offerToTheirTeamsQueue(connection);
        }
        assertThat(candidateGroups(callback)).as("offered once").containsExactly("agents-en");
    }

    /**
     * What a supervisor's unclaim left before this version: no assignee, no candidate group and no group's grant on
     * the task, and a promise naming the agent who made it (before V16_11 recorded the queue).
     */
    private void givenBackByAnOlderVersion(String callback) {
        var tasks = engine.getTaskService();
        tasks.setAssignee(callback, null);
        for (IdentityLink link : tasks.getIdentityLinksForTask(callback)) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                tasks.deleteCandidateGroup(callback, link.getGroupId());
            }
        }
        var authorizations = engine.getAuthorizationService();
        authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(callback).list().stream()
                .filter(grant -> grant.getGroupId() != null)
                .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
        jdbc.sql("UPDATE ft_promise SET handed_to = NULL, handed_to_team = NULL WHERE case_reference = :reference")
                .param("reference", c.reference).update();
    }

    private List<String> candidateGroups(String taskId) {
        return engine.getTaskService().getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId)
                .toList();
    }

    /** The tasks Tasklist's *Team queue* filter lists to a user, of them the one asked for. */
    private String teamQueueOf(String credentials, String taskId) throws Exception {
        String filter = engine.getFilterService().createFilterQuery().filterName(TasklistFilters.TEAM_QUEUE)
                .singleResult().getId();
        var listed = new AppHttp(port).postJson("/engine-rest/filter/" + filter + "/list", credentials,
                "{\"taskId\": \"" + taskId + "\"}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return listed.body();
    }
}
