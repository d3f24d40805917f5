package com.followthrough.tasklist;

import java.util.Date;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.servicelevel.BusinessCalendar;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Remind the case owner": the owner's open tasks on this case come up for follow-up now (this minute, as every
 * follow-up date the app sets), so the case that went quiet rises to the top of their Tasklist, and their descriptions
 * say from when. Only the case's own tasks: a call promised to the customer (in its KeepPromise instance) keeps its
 * reminder before the time agreed, which the update names as the next news; moved to now, it would sit in "About to
 * breach" for hours above the tasks really about to breach.
 */
@Component("remindCaseOwner")
public class RemindCaseOwnerDelegate implements JavaDelegate {

    private final TaskService taskService;
    private final EngineClock clock;
    private final TaskPresentation presentation;

    public RemindCaseOwnerDelegate(TaskService taskService, EngineClock clock, TaskPresentation presentation) {
        this.taskService = taskService;
        this.clock = clock;
        this.presentation = presentation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String owner = CaseVariable.OWNER.get(execution);
        if (owner == null) {
            return;
        }
        for (Task task : taskService.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskAssignee(owner)
                .list()) {
            presentation.followUpFrom(task, Date.from(BusinessCalendar.toTheMinute(clock.now())));
        }
    }
}
