package com.followthrough.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

@FollowThroughSpringTest
class DemoOrganizationTest {

    private static final List<String> FILTERS = List.of(TasklistFilters.MY_TASKS, TasklistFilters.TEAM_QUEUE,
            TasklistFilters.SUPERVISOR_QUEUE, TasklistFilters.ADMINISTRATOR_QUEUE, TasklistFilters.MY_CALLBACKS,
            TasklistFilters.OVERDUE_PROMISES, TasklistFilters.SPECIALIST_QUEUE,
            TasklistFilters.APPROVALS, TasklistFilters.LAST_CHANCES, TasklistFilters.ABOUT_TO_BREACH,
            TasklistFilters.ABOUT_TO_BREACH_ALL);

    @Autowired
    OrganizationSetup organizationSetup;

    @Autowired
    AuthorizationGrants grants;

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @Autowired
    IdentityService identityService;

    @Autowired
    AuthorizationService authorizationService;

    @Autowired
    FilterService filterService;

    @Autowired
    TaskService taskService;

    @Test
    void demoPeopleBelongToTheirTeams() {
        assertThat(groupsOf("anna")).containsExactlyInAnyOrder("agents", "agents-en");
        assertThat(groupsOf("jonas")).containsExactlyInAnyOrder("agents", "agents-de");
        assertThat(groupsOf("sam")).containsExactly("specialists");
        assertThat(groupsOf("maria")).containsExactly("supervisors");
        assertThat(groupsOf("alex")).containsExactly("analysts");
        assertThat(groupsOf("dana")).containsExactly("designers");
        assertThat(groupsOf("portal")).containsExactly("integrations");
        assertThat(groupsOf("demo")).contains(Groups.CAMUNDA_ADMIN);
        assertThat(identityService.checkPassword("maria", "maria")).isTrue();
        assertThat(identityService.createUserQuery().userId("anna").singleResult().getEmail())
                .isEqualTo("anna@follow-through.example");
    }

    @Test
    void teamsAreWorkflowGroupsAndAdministratorsASystemGroup() {
        for (String team : List.of("agents", "agents-en", "agents-de", "specialists", "supervisors", "analysts",
                "designers")) {
            assertThat(identityService.createGroupQuery().groupId(team).singleResult().getType())
                    .as(team).isEqualTo(Groups.GROUP_TYPE_WORKFLOW);
        }
        assertThat(identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).singleResult().getType())
                .isEqualTo(Groups.GROUP_TYPE_SYSTEM);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCaseFilterShowsTheCaseColumns() {
        for (String name : FILTERS) {
            Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
            assertThat(filter).as(name).isNotNull();
            assertThat(filter.getResourceType()).isEqualTo("Task");
            assertThat(filter.getProperties()).containsKeys("priority", "description", "variables");
            assertThat((List<Object>) filter.getProperties().get("variables")).containsExactly(
                    Map.of("name", "listCustomer", "label", "Customer"),
                    Map.of("name", "listPlan", "label", "Plan, language"));
        }
    }

    @Test
    void teamQueueShowsATaskOnlyToItsTeam() {
        Task task = taskService.newTask();
        task.setName("Listen to an English customer");
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), "agents-en");
        String teamQueue = filterService.createFilterQuery().filterName(TasklistFilters.TEAM_QUEUE).singleResult()
                .getId();
        try {
            assertThat(tasksInFilterFor("anna", teamQueue)).contains(task.getId());
            assertThat(tasksInFilterFor("jonas", teamQueue)).doesNotContain(task.getId());
        } finally {
            taskService.deleteTask(task.getId(), true);
        }
    }

    @Test
    void aFilterRenamedSinceAnEarlierVersionIsRenamedOnStartNotDuplicated() {
        Filter teamQueue = filterService.createFilterQuery().filterName(TasklistFilters.TEAM_QUEUE).singleResult();
        teamQueue.setName("Team queue");
        filterService.saveFilter(teamQueue);
        long filters = filterService.createFilterQuery().count();

        organizationSetup.seed();

        assertThat(filterService.createFilterQuery().filterName("Team queue").count()).isZero();
        assertThat(filterService.createFilterQuery().filterName(TasklistFilters.TEAM_QUEUE).singleResult().getId())
                .isEqualTo(teamQueue.getId());
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
    }

    @Test
    void theSupervisorQueueShowsSupervisorTasksToSupervisorsOnly() {
        Task task = taskService.newTask();
        task.setName("Give the customer a first response");
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), "supervisors");
        String queue = filterService.createFilterQuery().filterName(TasklistFilters.SUPERVISOR_QUEUE).singleResult()
                .getId();
        try {
            assertThat(tasksInFilterFor("maria", queue)).contains(task.getId());
            assertThat(isAuthorized("anna", READ, FILTER, queue)).as("agents don't get the filter").isFalse();
        } finally {
            taskService.deleteTask(task.getId(), true);
        }
    }

    @Test
    void theAdministratorQueueShowsTheAdministratorsStepsToThemNotToTheSupervisors() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of("discountRequested", true));
        c.timeIs(c.task("Task_TraceDiscountOffer").getDueDate()).timerFires("Event_DiscountTraceOverdue");
        Task chase = c.task("Task_TraceDiscountOfferNow");
        Filter queue = filterService.createFilterQuery().filterName(TasklistFilters.ADMINISTRATOR_QUEUE)
                .singleResult();

        assertThat(tasksInFilterFor("demo", queue.getId())).contains(chase.getId())
                .doesNotContain(c.task("Task_TraceDiscountOffer").getId());
        assertThat(isAuthorized("maria", READ, FILTER, queue.getId())).as("supervisors don't get the filter").isFalse();
    }

    @Test
    void aReimbursementAboveTheAgentsAuthorityWaitsInTheSupervisorsApprovals() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 250.0)
                .customerConfirmsTheSolution();
        Task approval = c.task("Task_ApproveReimbursement");
        Filter approvals = filterService.createFilterQuery().filterName(TasklistFilters.APPROVALS).singleResult();

        assertThat(tasksInFilterFor("maria", approvals.getId())).contains(approval.getId());
        assertThat(isAuthorized("anna", READ, FILTER, approvals.getId())).as("agents don't get the filter").isFalse();
    }

    @Test
    void everyFilterQueryRunsForItsReaders() {
        for (String name : FILTERS) {
            String id = filterService.createFilterQuery().filterName(name).singleResult().getId();
            String reader = isAuthorized("maria", READ, FILTER, id) ? "maria"
                    : isAuthorized("anna", READ, FILTER, id) ? "anna" : "demo";
            assertThat(tasksInFilterFor(reader, id)).as(name).isNotNull();
        }
    }

    @Test
    void seedingAgainCreatesNothingNew() {
        long users = identityService.createUserQuery().count();
        long groups = identityService.createGroupQuery().count();
        long memberships = memberships();
        long authorizations = authorizationService.createAuthorizationQuery().count();
        long filters = filterService.createFilterQuery().count();

        organizationSetup.seed();
        organizationSetup.seed();

        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(memberships()).isEqualTo(memberships);
        assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
    }

    @Test
    void agentsMayOpenCasesFromTasklist() {
        assertThat(isAuthorized("anna", ACCESS, APPLICATION, "tasklist")).isTrue();
        assertThat(isAuthorized("anna", ACCESS, APPLICATION, "cockpit")).isFalse();
        assertThat(isAuthorized("anna", CREATE_INSTANCE, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isTrue();
        assertThat(isAuthorized("anna", CREATE, PROCESS_INSTANCE, ANY)).isTrue();
        assertThat(isAuthorized("sam", CREATE_INSTANCE, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isTrue();
    }

    @Test
    void supervisorsWorkAndReassignEveryTaskButDoNotEditIt() {
        assertThat(isAuthorized("maria", TaskPermissions.TASK_WORK, TASK, ANY)).isTrue();
        assertThat(isAuthorized("maria", TaskPermissions.TASK_ASSIGN, TASK, ANY)).isTrue();
        assertThat(isAuthorized("maria", UPDATE, TASK, ANY)).as("no renames or raw variable writes").isFalse();
        assertThat(isAuthorized("maria", ACCESS, APPLICATION, "cockpit")).isTrue();
        assertThat(isAuthorized("maria", ACCESS, APPLICATION, "tasklist")).isTrue();
    }

    @Test
    void supervisorsWorkTheLastChanceCallsAfterACaseAndAnalystsReadHowTheyEnded() {
        assertThat(isAuthorized("maria", READ, PROCESS_DEFINITION, Processes.CUSTOMER_FEEDBACK))
                .as("Tasklist shows the process of a task only to who may read its definition").isTrue();
        assertThat(isAuthorized("maria", TaskPermissions.TASK_WORK, TASK, ANY)).isTrue();
        assertThat(isAuthorized("alex", READ_HISTORY, PROCESS_DEFINITION, Processes.CUSTOMER_FEEDBACK)).isTrue();
        assertThat(isAuthorized("anna", READ, PROCESS_DEFINITION, Processes.CUSTOMER_FEEDBACK))
                .as("the owner reads a survey comment: Tasklist shows that task's process").isTrue();
        assertThat(isAuthorized("anna", READ_INSTANCE, PROCESS_DEFINITION, Processes.CUSTOMER_FEEDBACK))
                .as("but agents do not browse the feedback of every case").isFalse();
    }

    @Test
    void analystsOnlyRead() {
        assertThat(isAuthorized("alex", ACCESS, APPLICATION, "cockpit")).isTrue();
        assertThat(isAuthorized("alex", ACCESS, APPLICATION, "tasklist")).isFalse();
        assertThat(isAuthorized("alex", READ, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isTrue();
        assertThat(isAuthorized("alex", UPDATE, TASK, ANY)).isFalse();
        assertThat(isAuthorized("alex", UPDATE, PROCESS_INSTANCE, ANY)).isFalse();
        assertThat(isAuthorized("alex", UPDATE, PROCESS_DEFINITION, ANY)).isFalse();
        assertThat(isAuthorized("alex", DELETE, PROCESS_INSTANCE, ANY)).isFalse();
        assertThat(isAuthorized("alex", CREATE, DEPLOYMENT, ANY)).isFalse();
    }

    @Test
    void designersMayDeploy() {
        assertThat(isAuthorized("dana", CREATE, DEPLOYMENT, ANY)).isTrue();
        assertThat(isAuthorized("dana", READ, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isTrue();
        assertThat(isAuthorized("dana", ACCESS, APPLICATION, "cockpit")).isTrue();
        assertThat(isAuthorized("dana", CREATE_INSTANCE, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isFalse();
    }

    @Test
    void theCustomerPortalHasNoEngineGrantAtAll() {
        // The intake endpoints of /api run as the application for it (access.IntakeEndpoint).
        assertThat(authorizationService.createAuthorizationQuery().groupIdIn("integrations").list())
                .as("only the engine's own grant: members may read their group")
                .allSatisfy(grant -> assertThat(grant.getResourceType()).isEqualTo(GROUP.resourceType()));
        assertThat(isAuthorized("portal", CREATE_INSTANCE, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isFalse();
        assertThat(isAuthorized("portal", UPDATE_INSTANCE, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isFalse();
        assertThat(isAuthorized("portal", READ_HISTORY, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isFalse();
        assertThat(isAuthorized("portal", ACCESS, APPLICATION, "tasklist")).isFalse();
        assertThat(isAuthorized("portal", ACCESS, APPLICATION, "cockpit")).isFalse();
    }

    @Test
    void seedingTakesBackTheGrantsLeastPrivilegeRemoved() {
        grants.grant("integrations", PROCESS_DEFINITION, Processes.SUPPORT_CASE, READ, CREATE_INSTANCE, UPDATE_INSTANCE);
        grants.grant("supervisors", TASK, ANY, UPDATE);

        organizationSetup.seed();

        assertThat(isAuthorized("portal", UPDATE_INSTANCE, PROCESS_DEFINITION, Processes.SUPPORT_CASE)).isFalse();
        assertThat(isAuthorized("maria", UPDATE, TASK, ANY)).isFalse();
        assertThat(isAuthorized("maria", TaskPermissions.TASK_ASSIGN, TASK, ANY)).isTrue();
    }

    private List<String> tasksInFilterFor(String userId, String filterId) {
        identityService.setAuthentication(userId, groupsOf(userId));
        try {
            return filterService.<Task>list(filterId).stream().map(Task::getId).toList();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private boolean isAuthorized(String userId, Permission permission, Resource resource, String resourceId) {
        return authorizationService.isUserAuthorized(userId, groupsOf(userId), permission, resource, resourceId);
    }

    private List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    private long memberships() {
        return identityService.createUserQuery().list().stream()
                .mapToLong(user -> identityService.createGroupQuery().groupMember(user.getId()).count())
                .sum();
    }
}
