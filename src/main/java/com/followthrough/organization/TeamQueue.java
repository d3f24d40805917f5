package com.followthrough.organization;

import java.util.List;

/**
 * The queue that holds a task nobody holds, which a callback's promise names: the case team's or, if the task is
 * offered to other groups only, the first of them. A task offered to no group (a callback, created assigned to its
 * caller, or a task handed to a stand-in, then given back) is to be offered to the case team's queue, the supervisors'
 * for a case of no team ({@code offered} false): in no queue, it would be in nobody's list. Applied as a callback is
 * given back ({@code workload.PromiseFollowsTheCallback}), as its holder gives back a task
 * ({@code access.QueueTasksGoBack}), and by the data repair {@code V16_13} to callbacks an older version left in no
 * queue.
 */
public record TeamQueue(String group, boolean offered) {

    /** {@code candidateGroups}: the groups the task is offered to; {@code caseTeam}: its case's {@code team}. */
    public static TeamQueue of(List<String> candidateGroups, Object caseTeam) {
        String team = teamOf(caseTeam);
        if (candidateGroups.isEmpty()) {
            return new TeamQueue(team, false);
        }
        return new TeamQueue(candidateGroups.contains(team) ? team : candidateGroups.get(0), true);
    }

    /** The team whose queue holds a case's tasks: the case's {@code team}, the supervisors' for a case of no team. */
    public static String teamOf(Object caseTeam) {
        return caseTeam == null ? SupportGroups.SUPERVISORS : caseTeam.toString();
    }
}
