package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import static com.followthrough.access.TwoAgents.LISTENED;
import static com.followthrough.access.TwoAgents.TOM;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
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
 * Taking someone's rights away (an agent who leaves, or moves to another team), as docs/security.md says to: Camunda
 * gives the assignee of a task a grant on that task by name, which neither a {@code REVOKE} on every task nor a move to
 * another team's group takes away, so Tom still completed the task he held. Handing his tasks over first takes it
 * away; deleting his user shuts him out.
 */
@FollowThroughSpringTest
class RightsTakenAwayTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final TaskRest rest;

    RightsTakenAwayTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    void tomJoinsTheEnglishAgents() {
        TwoAgents.tomJoinsTheEnglishAgents(engine.getIdentityService());
    }

    @AfterEach
    void tomLeaves() {
        AuthorizationService authorizations = engine.getAuthorizationService();
        authorizations.createAuthorizationQuery().userIdIn("tom").list()
                .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
        if (engine.getIdentityService().createUserQuery().userId("tom").count() > 0) {
            TwoAgents.tomLeaves(engine.getIdentityService());
        }
    }

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
    }

    /** What docs/security.md says does not do it: a REVOKE of reading and working every task, in Admin. */
    @Test
    void aRevokeOnEveryTaskLeavesHimTheTaskHeHolds() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "tom");
        Authorization revoked = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoked.setUserId("tom");
        revoked.setResource(Resources.TASK);
        revoked.setResourceId(Authorization.ANY);
        revoked.removePermission(Permissions.READ);
        revoked.removePermission(TaskPermissions.TASK_WORK);
        engine.getAuthorizationService().saveAuthorization(revoked);

        HttpResponse<String> done = rest.post(listen, "submit-form", TOM, LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** Moved to the German team, Tom keeps the English task he held: it was assigned to him by name. */
    @Test
    void movedToAnotherTeamHeStillCompletesTheTaskHeHolds() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "tom");
        movesToTheGermanTeam();

        HttpResponse<String> done = rest.post(listen, "submit-form", TOM, LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** The way docs/security.md gives: his tasks handed over first (a supervisor's reassignment), then moved. */
    @Test
    void handedOverFirstHeNoLongerWorksTheTask() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "tom");
        engine.getTaskService().setAssignee(listen, "anna");
        movesToTheGermanTeam();

        HttpResponse<String> done = rest.post(listen, "submit-form", TOM, LISTENED);
        HttpResponse<String> claimed = rest.post(listen, "claim", TOM, "{\"userId\": \"tom\"}");
        HttpResponse<String> read = rest.http().get("/engine-rest/task/" + listen + "/variables", TOM);

        assertThat(done.statusCode()).as(done.body()).isIn(403, 404);
        assertThat(claimed.statusCode()).as(claimed.body()).isIn(403, 404);
        assertThat(read.statusCode()).as(read.body()).isIn(403, 404);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
    }

    private void movesToTheGermanTeam() {
        engine.getIdentityService().deleteMembership("tom", "agents-en");
        engine.getIdentityService().createMembership("tom", "agents-de");
    }

    @Test
    void deletedHeSignsInNowhere() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "tom");
        engine.getIdentityService().deleteUser("tom");

        HttpResponse<String> done = rest.post(listen, "submit-form", TOM, LISTENED);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(401);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("tom");
    }
}
