package com.followthrough.communication;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * "Remind the case owner": the owner's open tasks on this case come up for follow-up now, so the case
 * that went quiet rises to the top of their Tasklist.
 */
@Component("remindCaseOwner")
public class RemindCaseOwnerDelegate implements JavaDelegate {

    private final TaskService taskService;
    private final EngineClock clock;

    public RemindCaseOwnerDelegate(TaskService taskService, EngineClock clock) {
        this.taskService = taskService;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object owner = execution.getVariable("owner");
        if (owner == null) {
            return;
        }
        for (Task task : taskService.createTaskQuery()
                .processInstanceBusinessKey(execution.getProcessBusinessKey())
                .taskAssignee(owner.toString())
                .list()) {
            task.setFollowUpDate(clock.nowAsDate());
            taskService.saveTask(task);
        }
    }
}
