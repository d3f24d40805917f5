package com.followthrough.workload;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import com.followthrough.promise.Promises;

/**
 * A callback's promise names whoever holds the call, however the task changed hands: a colleague who claims it from
 * the team's queue (Tasklist, {@code /engine-rest} claim or assignee), a stand-in for an absent agent
 * ({@link AbsenceHandOver}, {@link AbsentAgentsWork}), a supervisor who gives it to someone else; and the team again
 * when it goes back to the queue (unclaim). So the customer's next update says who calls now ("as agreed, Olivia from
 * our support team calls you"), or "our support team" while nobody holds it. On the assignment event of the callback
 * tasks; a promise that names the holder already is left as it is ({@link Promises#handOver}), so a hand-over that
 * records it first (a supervisor's takeover) is not recorded twice.
 */
class PromiseFollowsTheCallback implements TaskListener {

    private final Promises promises;

    PromiseFollowsTheCallback(Promises promises) {
        this.promises = promises;
    }

    @Override
    public void notify(DelegateTask task) {
        AbsenceHandOver.promiseOf(task.getTaskDefinitionKey(), () -> task.getVariable("promiseId"))
                .ifPresent(promise -> {
                    if (task.getAssignee() != null) {
                        promises.handOver(promise, task.getAssignee());
                    } else {
                        promises.handOverToQueue(promise, AbsentAgentsWork.teamOf(task.getVariable("team")));
                    }
                });
    }
}
