package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;

/**
 * A task that changes hands (a supervisor's takeover, an absent agent's work handed over, a reassignment in Tasklist)
 * is the new assignee's: the former one may no longer read or complete it, over /engine-rest as in Tasklist.
 */
@FollowThroughSpringTest
class FormerAssigneeTest {

    @Autowired
    TaskService taskService;

    private final TaskRest rest;
    private String taskId;

    FormerAssigneeTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @AfterEach
    void removeTheTask() {
        if (taskId != null && taskService.createTaskQuery().taskId(taskId).count() > 0) {
            taskService.deleteTask(taskId, true);
        }
    }

    private String taskAssignedTo(String user) {
        Task task = taskService.newTask();
        task.setName("Former assignee probe");
        taskService.saveTask(task);
        taskService.setAssignee(task.getId(), user);
        taskId = task.getId();
        return taskId;
    }

    /** What {@code GET /engine-rest/task/{id}} answers {@code credentials}: 200, or 404 for a task not theirs. */
    private int read(String id, String credentials) throws Exception {
        return rest.http().get("/engine-rest/task/" + id, credentials).statusCode();
    }

    @Test
    void aReassignedTaskIsNoLongerTheFormerAssigneesToReadOrComplete() throws Exception {
        String id = taskAssignedTo("anna");
        assertThat(read(id, "anna:anna")).as("anna's own task").isEqualTo(200);

        taskService.setAssignee(id, "jonas");

        assertThat(read(id, "anna:anna")).as("anna reads it").isEqualTo(404);
        assertThat(rest.post(id, "complete", "anna:anna", "{}").statusCode()).as("anna completes it").isIn(403, 404);
        assertThat(taskService.createTaskQuery().taskId(id).count()).as("still open").isEqualTo(1);
        assertThat(read(id, "jonas:jonas")).as("jonas reads it").isEqualTo(200);
        assertThat(rest.post(id, "complete", "jonas:jonas", "{}").statusCode()).as("jonas completes it").isEqualTo(204);
    }

    @Test
    void aTaskGivenBackToTheQueueIsNoLongerTheFormerAssignees() throws Exception {
        String id = taskAssignedTo("anna");

        taskService.setAssignee(id, null);

        assertThat(read(id, "anna:anna")).isEqualTo(404);
    }

    @Test
    void aDelegatedTaskStaysWithItsOwnerToResolve() throws Exception {
        String id = taskAssignedTo("anna");

        taskService.delegateTask(id, "jonas");

        assertThat(read(id, "anna:anna")).as("the owner reads it").isEqualTo(200);
        assertThat(rest.post(id, "resolve", "jonas:jonas", "{}").statusCode())
                .as("the delegate resolves it").isEqualTo(204);
        assertThat(rest.post(id, "complete", "anna:anna", "{}").statusCode())
                .as("the owner completes it").isEqualTo(204);
    }
}
