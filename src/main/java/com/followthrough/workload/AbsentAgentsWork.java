package com.followthrough.workload;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import com.followthrough.EngineClock;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.organization.TeamQueue;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Routes every user task as it is created: a task for an agent who is away now (a callback the owner promised, the
 * next step of their case, a follow-up for its former owner), or one due within an absence of theirs that lies ahead,
 * goes to the colleague the supervisor named, or to the queue of the case's team, by the rule a supervisor's entry
 * applies ({@link AbsenceHandOver#fallsDueWhileAway}); a callback's promise then records the colleague, or the team
 * whose queue holds it, so an update to the customer names who calls now, or nobody who does not. A new "Listen to
 * the customer" is never assigned to an agent without room ({@link ListenCapacity}). The case stays the absent
 * agent's: their {@code owner} is unchanged, so the case is theirs again when they are back.
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
        String team = TeamQueue.teamOf(task.getVariable("team"));
        Holder holder = holderOf(assignee, task.getDueDate(), team, now, absences, people);
        if (holder.standsIn()) {
            task.setAssignee(holder.user());
        } else if (holder.user() == null) {
            task.setAssignee(null);
            task.addCandidateGroup(team);
            // A task that leaves its creation with no assignee gets no assignment event: what it would record (the
            // queue holds the callback) is recorded here. A stand-in is recorded on the assignment that follows.
            if (Processes.CALLBACK_TASKS.contains(task.getTaskDefinitionKey())) {
                new PromiseFollowsTheCallback(promises, people).notify(task);
            }
        }
    }

    /** Who holds a task of {@code assignee}'s: themselves, the stand-in ({@code standsIn}), or the queue (no user). */
    record Holder(String user, boolean standsIn) {
    }

    /**
     * Who holds a task for {@code assignee} due at {@code due}, of the case team {@code team}, created at {@code now}:
     * the assignee, unless an absence of theirs applies to it ({@link AbsenceHandOver#fallsDueWhileAway}); then the
     * stand-in the supervisor named if they may stand in, else nobody (the team's queue). Also what a message states
     * before the task exists ({@link HolderNamedInMessages}).
     */
    static Holder holderOf(String assignee, Date due, String team, Instant now, Absences absences, People people) {
        for (Absence absence : absences.of(assignee)) {
            if (AbsenceHandOver.fallsDueWhileAway(due, absence.startsAt(), absence.endsAt(), now)) {
                String standIn = absence.handOverTo();
                return mayStandIn(standIn, team, now, due, absences, people) ? new Holder(standIn, true)
                        : new Holder(null, false);
            }
        }
        return new Holder(assignee, false);
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
