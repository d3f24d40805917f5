package com.followthrough;

import java.util.Objects;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is completing a task: the signed-in user (Tasklist, REST), else the assignee (the Java API in tests). */
public final class TaskActor {

    private TaskActor() {
    }

    public static String of(DelegateTask task) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        if (task.getAssignee() == null) {
            throw new RefusedEntryException("Claim the task before you complete it, so the case shows who decided");
        }
        return task.getAssignee();
    }

    /**
     * Who completed a task that has ended, as {@link #of} found them then: the user the history's operation log records
     * for its completion (a supervisor may complete a task assigned to a colleague, a candidate may complete one from
     * the team's queue without claiming it), else its last assignee (a completion without a signed-in user); null if
     * neither.
     */
    public static String ofCompleted(HistoryService history, HistoricTaskInstance task) {
        return history.createUserOperationLogQuery().taskId(task.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(Objects::nonNull).findFirst()
                .orElse(task.getAssignee());
    }
}
