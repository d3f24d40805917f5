package com.followthrough.workload;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import com.followthrough.RefusedEntryException;

/**
 * An agent at capacity is handed no new case (W9): the agent who completes "Listen to the customer" owns the case,
 * so the task is not assigned to anyone who already owns as many open cases as their capacity. Created for such an
 * agent (a follow-up for its former owner, or for the colleague standing in), it goes to the team queue instead
 * ({@code candidateGroups="${team}"}); claimed or assigned to them, the claim is refused and says why.
 */
class ListenCapacity implements TaskListener {

    static final String LISTEN = "Task_ListenToCustomer";

    private final Capacity capacity;

    ListenCapacity(Capacity capacity) {
        this.capacity = capacity;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null || capacity.hasRoomFor(assignee, task.getProcessInstanceId())) {
            return;
        }
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setAssignee(null);
            return;
        }
        // hasRoomFor found as many open cases as the capacity: the reason names the limit, not a second count.
        int limit = capacity.of(assignee);
        throw new RefusedEntryException(assignee + " is at their capacity of " + limit
                + (limit == 1 ? " open case" : " open cases")
                + " (follow-through.workload.capacity): whoever listens owns the case, so"
                + " leave it in the team queue for a colleague with room (Cockpit, \"Team workload\", shows who has"
                + " room), or finish a case first");
    }
}
