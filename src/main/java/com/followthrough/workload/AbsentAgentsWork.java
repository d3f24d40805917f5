package com.followthrough.workload;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import com.followthrough.EngineClock;
import com.followthrough.organization.SupportGroups;

/**
 * Routes every user task as it is created: a task for an agent who is away now (a callback the owner promised, the
 * next step of their case, a follow-up for its former owner) goes to the colleague the supervisor named, or to the
 * queue of the case's team; and a new "Listen to the customer" is never assigned to an agent without room
 * ({@link ListenCapacity}). The case stays the absent agent's: their {@code owner} is unchanged, so the case is
 * theirs again when they are back.
 */
class AbsentAgentsWork implements TaskListener {

    private final Absences absences;
    private final EngineClock clock;

    AbsentAgentsWork(Absences absences, EngineClock clock) {
        this.absences = absences;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        absences.at(assignee, clock.now()).ifPresent(absence -> {
            String standIn = absence.handOverTo();
            if (standIn != null && absences.at(standIn, clock.now()).isEmpty()) {
                task.setAssignee(standIn);
            } else {
                task.setAssignee(null);
                Object team = task.getVariable("team");
                task.addCandidateGroup(team == null ? SupportGroups.SUPERVISORS : team.toString());
            }
        });
    }
}
