package com.followthrough.workload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/workload}: each agent's load and each agent team's, at {@code at}. "Today" and "this week" are
 * the support team's ({@code timeZone}): callbacks due on {@code day}, promises broken since Monday {@code weekFrom}.
 * See docs/api.md, "Workload".
 */
public record TeamWorkload(Instant at, String timeZone, LocalDate day, LocalDate weekFrom, List<AgentLoad> agents,
                           List<TeamLoad> teams) {

    /**
     * One agent: open cases they own, their capacity and the room left (none while absent), callbacks assigned to them
     * due today, tasks assigned to them past their due date, promises broken this week while they held the callback,
     * and their absence if it goes on or is ahead.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AgentLoad(String user, String name, List<String> teams, long openCases, int capacity, long room,
                            long callbacksDueToday, long overdueTasks, long brokenPromisesThisWeek,
                            AbsenceShown absence) {
    }

    /** One team (a group its agents belong to besides "agents"): the sums of its agents, and its unclaimed tasks. */
    public record TeamLoad(String team, String name, List<String> agents, long openCases, long capacity, long room,
                           long callbacksDueToday, long overdueTasks, long brokenPromisesThisWeek, long queue) {
    }

    public record AbsenceShown(Instant from, Instant to, String handOverTo) {
    }
}
