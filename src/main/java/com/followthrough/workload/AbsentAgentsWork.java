package com.followthrough.workload;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import com.followthrough.EngineClock;
import com.followthrough.organization.People;
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
    private final People people;

    AbsentAgentsWork(Absences absences, EngineClock clock, People people) {
        this.absences = absences;
        this.clock = clock;
        this.people = people;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        absences.at(assignee, clock.now()).ifPresent(absence -> {
            String standIn = absence.handOverTo();
            Object caseTeam = task.getVariable("team");
            String team = caseTeam == null ? SupportGroups.SUPERVISORS : caseTeam.toString();
            if (standIn != null && absences.at(standIn, clock.now()).isEmpty() && people.isColleagueIn(team, standIn)) {
                task.setAssignee(standIn);
            } else {
                task.setAssignee(null);
                task.addCandidateGroup(team);
            }
        });
    }
}
