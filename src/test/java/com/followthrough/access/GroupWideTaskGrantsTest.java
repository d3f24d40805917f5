package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;

/**
 * A task offered to the supervisors or the administrators gets no grant of its own for that group: the supervisors
 * may read and work every task already (organization.GroupAuthorizations), the administrators may do anything. A
 * supervisor still reads, claims and completes it over /engine-rest; a team's queue still gets its grant, which is
 * what lets an agent of that team see the task.
 */
@FollowThroughSpringTest
class GroupWideTaskGrantsTest {

    @Autowired TaskService taskService;
    @Autowired AuthorizationService authorizations;

    private final TaskRest rest;
    private String taskId;

    GroupWideTaskGrantsTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @AfterEach
    void removeTheTask() {
        if (taskId != null && taskService.createTaskQuery().taskId(taskId).count() > 0) {
            taskService.deleteTask(taskId, true);
        }
    }

    private String taskOfferedTo(String... groups) {
        Task task = taskService.newTask();
        task.setName("Group grant probe");
        taskService.saveTask(task);
        taskId = task.getId();
        for (String group : groups) {
            taskService.addCandidateGroup(taskId, group);
        }
        return taskId;
    }

    private List<String> groupsGrantedOnTheTask(String id) {
        return authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(id).list().stream()
                .map(Authorization::getGroupId).filter(group -> group != null).toList();
    }

    @Test
    void aTaskForTheSupervisorsOrTheAdministratorsIsWorkedByTheirGroupsGrantsAlone() throws Exception {
        String id = taskOfferedTo("supervisors", "camunda-admin");

        assertThat(groupsGrantedOnTheTask(id)).isEmpty();
        assertThat(rest.http().get("/engine-rest/task/" + id, "maria:maria").statusCode()).as("maria reads it")
                .isEqualTo(200);
        assertThat(rest.http().get("/engine-rest/task/" + id, "demo:demo").statusCode()).as("demo reads it")
                .isEqualTo(200);
        assertThat(rest.post(id, "claim", "maria:maria", "{\"userId\": \"maria\"}").statusCode())
                .as("maria claims it").isEqualTo(204);
        assertThat(rest.post(id, "complete", "maria:maria", "{}").statusCode()).as("maria completes it")
                .isEqualTo(204);
    }

    @Test
    void aTaskInATeamsQueueKeepsTheTeamsGrantOnIt() throws Exception {
        String id = taskOfferedTo("agents-en");

        assertThat(groupsGrantedOnTheTask(id)).containsExactly("agents-en");
        assertThat(rest.http().get("/engine-rest/task/" + id, "anna:anna").statusCode()).as("anna reads it")
                .isEqualTo(200);
    }
}
