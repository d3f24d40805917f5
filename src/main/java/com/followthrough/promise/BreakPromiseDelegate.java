package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * "Record the promise broken": the promised time passed and the callback has not been made. The promise counts against
 * whoever holds the open callback at this moment (a colleague an absent owner's callback went to, the person a
 * supervisor handed it to), not against the owner who made it.
 */
@Component("breakPromise")
public class BreakPromiseDelegate implements JavaDelegate {

    private static final String[] CALLBACK_TASKS = {"Task_CallCustomerBack", "Task_CallCustomerAgain"};

    private final Promises promises;
    private final EngineClock clock;

    public BreakPromiseDelegate(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        promises.breakPromise(((Number) execution.getVariable("promiseId")).longValue(), clock.now(), holder(execution));
    }

    /** The timer is non-interrupting, so the callback task is still open beside this step. */
    private static String holder(DelegateExecution execution) {
        return execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKeyIn(CALLBACK_TASKS)
                .orderByTaskCreateTime().desc().list().stream()
                .map(Task::getAssignee).filter(assignee -> assignee != null).findFirst()
                .orElse(null);
    }
}
