package com.followthrough;

import org.camunda.bpm.engine.delegate.DelegateTask;
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
}
