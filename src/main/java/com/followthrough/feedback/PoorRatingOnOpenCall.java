package com.followthrough.feedback;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.tasklist.TaskPresentation;

/**
 * A poor survey rating that arrives while the last-chance call opened at closing (a broken promise or a missed
 * guarantee) is still open: the customer gets one call, not two, and the supervisor who makes it sees the rating and
 * the comment on it (W10). {@link #callOpen} decides the path (and keeps the reason and deadline of the open call);
 * {@link #execute} tells the open call.
 */
@Component("poorRatingOnOpenCall")
public class PoorRatingOnOpenCall implements JavaDelegate {

    static final List<String> LAST_CHANCE_CALLS = List.of("Task_CallForALastChance", "Task_CallForALastChanceOverdue");

    private final TaskService taskService;
    private final TaskPresentation presentation;

    public PoorRatingOnOpenCall(TaskService taskService, TaskPresentation presentation) {
        this.taskService = taskService;
        this.presentation = presentation;
    }

    public boolean callOpen(DelegateExecution execution) {
        return !openCalls(execution).isEmpty();
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object rating = execution.getVariable("rating");
        String comment = CaseVariables.text(execution, "satisfactionComment");
        String news = "They rated us " + rating + " of 5 in the survey" + (comment.isBlank() ? "." : ": \"" + comment.trim() + "\".");
        for (Task call : openCalls(execution)) {
            presentation.tellOpenTask(call, news, "satisfactionComment", comment);
        }
    }

    private List<Task> openCalls(DelegateExecution execution) {
        return taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKeyIn(LAST_CHANCE_CALLS.toArray(String[]::new)).list();
    }
}
