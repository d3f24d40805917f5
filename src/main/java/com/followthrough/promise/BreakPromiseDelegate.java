package com.followthrough.promise;

import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.vocabulary.Processes;

/**
 * "Record the promise broken": the promised time passed and the callback has not been made. The promise counts against
 * whoever holds the open callback at this moment (a colleague an absent owner's callback went to, the person a
 * supervisor handed it to), not against the owner who made it.
 */
@Component("breakPromise")
public class BreakPromiseDelegate implements JavaDelegate {

    /** The callback tasks of a KeepPromise instance, newest first: {@link #holder}'s select after the table's name. */
    private static final String CALLBACK_TASKS_NEWEST_FIRST = " WHERE PROC_INST_ID_ = #{instance}"
            + Processes.CALLBACK_TASKS.stream().map(key -> "'" + key + "'")
                    .collect(Collectors.joining(", ", " AND TASK_DEF_KEY_ IN (", ")"))
            + " ORDER BY CREATE_TIME_ DESC";

    private final Promises promises;
    private final EngineClock clock;

    public BreakPromiseDelegate(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        promises.breakPromise(((Number) execution.getVariable("promiseId")).longValue(), clock.now(), holder(execution),
                execution.getActivityInstanceId());
    }

    /**
     * The timer is non-interrupting, so the callback task is still open beside this step. A native query: the same
     * select as {@code createTaskQuery().processInstanceId(..).taskDefinitionKeyIn(..)}, without MyBatis building the
     * task query's dynamic SQL, which was most of this step's CPU in a storm of late callbacks (issue 16).
     */
    private static String holder(DelegateExecution execution) {
        var engine = execution.getProcessEngineServices();
        String tasks = engine.getManagementService().getTableName(Task.class);
        return engine.getTaskService().createNativeTaskQuery()
                .sql("SELECT * FROM " + tasks + CALLBACK_TASKS_NEWEST_FIRST)
                .parameter("instance", execution.getProcessInstanceId())
                .list().stream()
                .map(Task::getAssignee).filter(assignee -> assignee != null).findFirst()
                .orElse(null);
    }
}
