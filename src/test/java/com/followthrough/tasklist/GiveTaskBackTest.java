package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.followthrough.AppHttp;
import com.followthrough.AsTheApplication;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.HeldTransaction;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * An agent who took a task from her team's queue gives it back there with Tasklist's unclaim (or over the REST API):
 * a colleague can take it, and its due date and timers stay. A task of a case that is hers (the customer knows her as
 * their contact) stays hers until a supervisor hands it over, and nobody gives back a colleague's task.
 */
@FollowThroughSpringTest
class GiveTaskBackTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    private final TaskRest rest;

    GiveTaskBackTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @AfterEach
    void colleagueLeaves() {
        engine.getIdentityService().deleteUser("olivia");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "engine-rest"})
    void anAgentGivesATaskSheTookFromTheQueueBack(String api) throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> givenBack = unclaim(api, "anna", listen);

        assertThat(givenBack.statusCode()).as(givenBack.body()).isEqualTo(204);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(listen)).anySatisfy(link -> {
            assertThat(link.getType()).isEqualTo(IdentityLinkType.CANDIDATE);
            assertThat(link.getGroupId()).isEqualTo("agents-en");
        });
        CaseDriver.joins(engine, "olivia", "Olivia", "Hart", "agents-en");
        engine.getIdentityService().createMembership("olivia", "agents");
        assertThat(engine.getTaskService().createTaskQuery().taskId(listen).taskCandidateUser("olivia").count())
                .as("a colleague finds it in the team queue").isEqualTo(1);
    }

    /**
     * A callback a supervisor handed to Olivia directly, as a stand-in for its owner: assigned, and offered to no group
     * (each callback is created assigned to its caller). She gives it back: it goes to the case team's queue, hers,
     * where a colleague can take it, and the promise names the team. It used to be refused (403: the engine's
     * unclaim needs TASK_ASSIGN), so only a supervisor could take it off her.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "engine-rest"})
    void aStandInGivesBackACallbackHandedToHerAndItGoesToTheTeamsQueue(String api) throws Exception {
        CaseDriver c = callbackHandedToOlivia("agents-en");
        String callback = c.task("Task_CallCustomerBack").getId();

        HttpResponse<String> givenBack = unclaim(api, "olivia", callback);

        assertThat(givenBack.statusCode()).as(givenBack.body()).isEqualTo(204);
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isNull();
        assertThat(candidateGroups(callback)).as("in the case team's queue").containsExactly("agents-en");
        assertThat(engine.getTaskService().createTaskQuery().taskId(callback).taskCandidateUser("anna").count())
                .as("a colleague of the team finds it there").isEqualTo(1);
        assertThat(c.promises()).singleElement().extracting(Promise::handedTo, Promise::handedToTeam)
                .containsExactly(null, "agents-en");
    }

    /** Handed a callback of another team's case, she cannot put it in a queue that is not hers: nothing changes. */
    @Test
    void aStandInOfAnotherTeamCannotGiveACallbackBackToAQueueNotHers() throws Exception {
        CaseDriver c = callbackHandedToOlivia("agents-de");
        String callback = c.task("Task_CallCustomerBack").getId();

        HttpResponse<String> refused = unclaim("engine-rest", "olivia", callback);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isEqualTo("olivia");
        assertThat(candidateGroups(callback)).isEmpty();
    }

    /**
     * A supervisor hands Olivia's callback to Anna at the very moment Olivia gives it back: the engine meets the
     * supervisor's change, and Olivia is told plainly ({@code 409}, Camunda's {@code message}) that the task changed
     * meanwhile. Nothing of hers is saved: the callback is Anna's and offered to no queue. It was a {@code 500} with
     * no problem body, and the offer to the team's queue, made first, stayed.
     */
    @Test
    void aGiveBackThatMeetsASupervisorsHandOverIsRefusedAsChangedMeanwhileAndChangesNothing() throws Exception {
        CaseDriver c = callbackHandedToOlivia("agents-en");
        String callback = c.task("Task_CallCustomerBack").getId();

        HttpResponse<String> refused;
        try (HeldTransaction handOver = HeldTransaction.of(transactions, jdbc, () -> AsTheApplication.runAs(
                engine.getIdentityService(), new Authentication("maria", List.of("supervisors")), () -> {
                    engine.getTaskService().setAssignee(callback, "anna");
                    return null;
                }))) {
            refused = unclaim("engine-rest", "olivia", callback);
            assertThat(handOver.someoneWaited()).as("Olivia's give-back met the hand-over: %s", refused.body())
                    .isTrue();
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        JsonNode problem = rest.json(refused);
        assertThat(problem.path("message").asText()).as(refused.body()).contains("changed", "nothing", "again")
                .doesNotContain("ENGINE-");
        assertThat(problem.path("taskId").asText()).isEqualTo(callback);
        assertThat(problem.path("title").asText()).isEqualTo("Changed meanwhile");
        assertThat(problem.path("errors").findValuesAsText("field")).as(refused.body()).containsExactly("taskId");
        assertThat(c.task("Task_CallCustomerBack").getAssignee()).isEqualTo("anna");
        assertThat(candidateGroups(callback)).as("offered to no queue").isEmpty();
    }

    /**
     * A supervisor completes the task Anna took from the queue at the moment Anna gives it back: Anna learns who did
     * it and when ({@code 409}, as for any action on a task done meanwhile), not a {@code 500}.
     */
    @Test
    void aGiveBackOfATaskCompletedAtTheSameMomentIs409SayingWhoDidIt() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> refused;
        try (HeldTransaction done = HeldTransaction.of(transactions, jdbc, () -> AsTheApplication.runAs(
                engine.getIdentityService(), new Authentication("maria", List.of("supervisors")), () -> {
                    engine.getTaskService().complete(listen, Map.of(
                            "problemInCustomersWords", "Charged twice for November",
                            "factsGathered", "Two debits of 49 EUR on 2 Nov", "questionsAsked", "Which card?",
                            "preferredContactChannel", "phone", "callbackNumber", "+1 555 0100",
                            "discountRequested", false, "spokeToCustomer", "yes"));
                    return null;
                }))) {
            refused = unclaim("engine-rest", "anna", listen);
            assertThat(done.someoneWaited()).as("Anna's give-back met the completion: %s", refused.body()).isTrue();
        }
        c.runAsyncSteps();

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = rest.json(refused);
        assertThat(problem.path("title").asText()).isEqualTo("Done already");
        assertThat(problem.path("message").asText()).as(refused.body()).startsWith("This step was done already, by "
                + "Maria");
    }

    /**
     * An administrator has taken Anna's work on a task she took from her team's queue away (Admin, Authorizations:
     * her grant on the task, which the engine gave her as its assignee, replaced by a {@code REVOKE} of
     * {@code TASK_WORK}, which outweighs her team's grant): she still holds it, so her give-back is hers to ask for,
     * and the engine refuses her unclaim. She is told so ({@code 403}, naming her and the task, in Camunda's
     * {@code message} that Tasklist shows), and nothing changes: the task stays hers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "engine-rest"})
    void aGiveBackTheEngineRefusesIs403NamingTheTaskAndChangesNothing(String api) throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");
        AuthorizationService authorizations = engine.getAuthorizationService();
        authorizations.createAuthorizationQuery().userIdIn("anna").resourceType(Resources.TASK).resourceId(listen)
                .list().forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
        Authorization revoked = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoked.setUserId("anna");
        revoked.setResource(Resources.TASK);
        revoked.setResourceId(listen);
        revoked.removePermission(TaskPermissions.TASK_WORK);
        authorizations.saveAuthorization(revoked);

        HttpResponse<String> refused;
        try {
            refused = unclaim(api, "anna", listen);
        } finally {
            authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE)
                    .userIdIn("anna").resourceId(listen).list()
                    .forEach(revoke -> authorizations.deleteAuthorization(revoke.getId()));
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("json"));
        JsonNode problem = rest.json(refused);
        assertThat(problem.path("title").asText()).as(refused.body()).isEqualTo("Not allowed");
        assertThat(problem.path("message").asText()).as(refused.body())
                .startsWith("User 'anna' is not allowed to do this:").contains(listen);
        assertThat(problem.path("taskId").asText()).as(refused.body()).isEqualTo(listen);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
        assertThat(candidateGroups(listen)).containsExactly("agents-en");
    }

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
    }

    /** Olivia, of {@code team}, handed a callback of Jane's case directly (assigned to her, offered to no group). */
    private CaseDriver callbackHandedToOlivia(String team) {
        CaseDriver.joinsWithPassword(engine.getIdentityService(), "olivia", "olivia", "Olivia", "Hart", "agents", team);
        CaseDriver c = open().listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(6));
        engine.getTaskService().setAssignee(c.task("Task_CallCustomerBack").getId(), "olivia");
        return c;
    }

    private List<String> candidateGroups(String taskId) {
        return engine.getTaskService().getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(IdentityLink::getGroupId)
                .toList();
    }

    @Test
    void theOwnersTaskStaysHersUntilASupervisorHandsItOver() throws Exception {
        CaseDriver c = open().listen("anna", Map.of());
        String diagnose = c.task("Task_DiagnoseProblem").getId();

        HttpResponse<String> refused = unclaim("tasklist", "anna", diagnose);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).as("Tasklist shows Camunda's message field")
                .contains("\"message\":\"This task stays yours: you are the customer's contact on this case.");
        assertThat(c.task("Task_DiagnoseProblem").getAssignee()).isEqualTo("anna");
    }

    @Test
    void nobodyGivesBackAColleaguesTask() throws Exception {
        CaseDriver.joins(engine, "olivia", "Olivia", "Hart", "agents-en");
        engine.getIdentityService().createMembership("olivia", "agents");
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "olivia");

        HttpResponse<String> refused = unclaim("tasklist", "anna", listen);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("olivia");
    }

    @Test
    void aTasklistUnclaimWithoutTheSessionsCsrfTokenChangesNothing() throws Exception {
        CaseDriver c = open();
        String listen = c.claim("Task_ListenToCustomer", "anna");
        AppHttp.WebappSession session = rest.signInToTasklist("anna");

        HttpResponse<String> forged = session.send(session.request("/camunda/api/engine/engine/default/task/" + listen
                + "/unclaim").setHeader("X-XSRF-TOKEN", "not-the-token").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isEqualTo("anna");
    }

    private HttpResponse<String> unclaim(String api, String user, String taskId) throws Exception {
        if (api.equals("tasklist")) {
            return rest.post(rest.signInToTasklist(user), taskId, "unclaim", "");
        }
        return rest.post(taskId, "unclaim", user + ":" + user, "");
    }
}
