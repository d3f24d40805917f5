package com.followthrough.workload;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import com.followthrough.EngineClock;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.promise.Promises;

/**
 * Routes every user task as it is created: a task for an agent who is away now (a callback the owner promised, the
 * next step of their case, a follow-up for its former owner), or one due within an absence of theirs that lies ahead,
 * goes to the colleague the supervisor named, or to the queue of the case's team, by the rule a supervisor's entry
 * applies ({@link AbsenceHandOver#fallsDueWhileAway}); a callback's promise then records the colleague, so an update
 * to the customer names who calls now. A new "Listen to the customer" is never assigned to an agent without room
 * ({@link ListenCapacity}). The case stays the absent agent's: their {@code owner} is unchanged, so the case is theirs
 * again when they are back.
 */
class AbsentAgentsWork implements TaskListener {

    private final Absences absences;
    private final Promises promises;
    private final EngineClock clock;
    private final People people;

    AbsentAgentsWork(Absences absences, Promises promises, EngineClock clock, People people) {
        this.absences = absences;
        this.promises = promises;
        this.clock = clock;
        this.people = people;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        Instant now = clock.now();
        Date due = task.getDueDate();
        absences.of(assignee).stream()
                .filter(absence -> AbsenceHandOver.fallsDueWhileAway(due, absence.startsAt(), absence.endsAt(), now))
                .findFirst()
                .ifPresent(absence -> handOver(task, absence.handOverTo(), now));
    }

    private void handOver(DelegateTask task, String standIn, Instant now) {
        Object caseTeam = task.getVariable("team");
        String team = caseTeam == null ? SupportGroups.SUPERVISORS : caseTeam.toString();
        if (mayStandIn(standIn, team, now, task.getDueDate(), absences, people)) {
            task.setAssignee(standIn);
            AbsenceHandOver.promiseOf(task.getTaskDefinitionKey(), () -> task.getVariable("promiseId"))
                    .ifPresent(promise -> promises.handOver(promise, standIn));
        } else {
            task.setAssignee(null);
            task.addCandidateGroup(team);
        }
    }

    /**
     * Whether the stand-in a supervisor named takes a task of the case team {@code team}: they are of that team or a
     * supervisor, and away neither now nor when it falls due. Otherwise it goes to the team's queue.
     */
    static boolean mayStandIn(String standIn, String team, Instant now, Date due, Absences absences, People people) {
        return standIn != null && people.isColleagueIn(team, standIn) && absences.of(standIn).stream()
                .noneMatch(theirs -> theirs.covers(now) || due != null && theirs.covers(due.toInstant()));
    }
}
