package com.followthrough.workload;

import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;

import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.organization.TeamQueue;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.CaseVariable;

/**
 * A callback's promise names whoever holds the call, however the task changed hands: a colleague who claims it from
 * the team's queue (Tasklist, {@code /engine-rest} claim or assignee), a stand-in for an absent agent
 * ({@link AbsenceHandOver}, {@link AbsentAgentsWork}), a supervisor who gives it to someone else; and the team again
 * when it goes back to the queue (unclaim). So the customer's next update says who calls now ("as agreed, Olivia from
 * our support team calls you"), or "our support team" while nobody holds it, in a queue its team sees
 * ({@link #queueOf}). On the assignment event of the callback tasks; a promise that names the holder already is left
 * as it is ({@link Promises#handOver}), so a hand-over that records it first (a supervisor's takeover) is not recorded
 * twice. And whoever holds the call decides who is asked
 * when it is late ({@link #recordHolder}): the administrators for a supervisor, the supervisors for anyone else.
 */
class PromiseFollowsTheCallback implements TaskListener {

    private final Promises promises;
    private final People people;

    PromiseFollowsTheCallback(Promises promises, People people) {
        this.promises = promises;
        this.people = people;
    }

    @Override
    public void notify(DelegateTask task) {
        String team = TeamQueue.teamOf(task.getVariable("team"));
        String queue = task.getAssignee() == null ? queueOf(task) : team;
        AbsenceHandOver.promiseOf(task.getTaskDefinitionKey(), () -> task.getVariable("promiseId"))
                .ifPresent(promise -> {
                    if (task.getAssignee() != null) {
                        promises.handOver(promise, task.getAssignee());
                    } else {
                        promises.handOverToQueue(promise, queue);
                    }
                });
        recordHolder(task, task.getAssignee(), queue, people);
    }

    /** The queue that holds a callback nobody holds ({@link TeamQueue}), offered it if it is in none. */
    private static String queueOf(DelegateTask task) {
        List<String> groups = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull)
                .toList();
        TeamQueue queue = TeamQueue.of(groups, task.getVariable("team"));
        if (!queue.offered()) {
            task.addCandidateGroup(queue.group());
        }
        return queue.group();
    }

    /**
     * Keeps {@code callbackHeldBySupervisor} true to whoever holds the callback task now, so a late call goes up to
     * those above its holder ("Keep the promise at risk"): the administrators when a supervisor holds it (her peers do
     * not chase her), the supervisors otherwise. The holder is {@code holder}, or, with none, the queue of
     * {@code queue}: the supervisors' own queue is theirs. However the call came to them or left them: the owner's
     * promise, a stand-in for an absent agent, a claim from the queue, a reassignment over {@code /engine-rest}, a
     * supervisor's takeover. On every assignment of a callback task, and for one {@link AbsentAgentsWork} creates
     * for the queue, which gets no assignment event.
     */
    private static void recordHolder(DelegateTask task, String holder, String queue, People people) {
        boolean supervisor = holder == null ? SupportGroups.SUPERVISORS.equals(queue)
                : people.isMember(holder, SupportGroups.SUPERVISORS);
        CaseVariable.CALLBACK_HELD_BY_SUPERVISOR.set(task.getExecution().getProcessInstance(), supervisor);
    }
}
