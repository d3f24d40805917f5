package com.followthrough.workload;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

import com.followthrough.AsTheApplication;
import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Counts each agent's load (W9 "make sure they like their job"): from the engine's running cases and tasks, the
 * promise records and the absences, as of the engine's clock, without the caller's authorizations.
 */
@Service
public class Workload {

    private final IdentityService identityService;
    private final TaskService taskService;
    private final Capacity capacity;
    private final Promises promises;
    private final Absences absences;
    private final EngineClock clock;
    private final AsTheApplication asTheApplication;
    private final ZoneId zone;

    public Workload(IdentityService identityService, TaskService taskService, Capacity capacity, Promises promises,
                    Absences absences, EngineClock clock, AsTheApplication asTheApplication,
                    SupportProperties properties) {
        this.identityService = identityService;
        this.taskService = taskService;
        this.capacity = capacity;
        this.promises = promises;
        this.absences = absences;
        this.clock = clock;
        this.asTheApplication = asTheApplication;
        this.zone = properties.support().timeZone();
    }

    public TeamWorkload now() {
        return asTheApplication.run(this::count);
    }

    private TeamWorkload count() {
        Instant now = clock.now();
        LocalDate day = now.atZone(zone).toLocalDate();
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Date dayStarts = Date.from(day.atStartOfDay(zone).toInstant());
        Date dayEnds = Date.from(day.plusDays(1).atStartOfDay(zone).toInstant());
        Map<String, Long> broken = promises.brokenByHolder(monday.atStartOfDay(zone).toInstant(), now);
        Map<String, Absence> away = new LinkedHashMap<>();
        // The earliest: the one going on, else the next ahead.
        absences.notEndedBy(now).forEach(absence -> away.putIfAbsent(absence.user(), absence));

        Map<String, Group> teams = new LinkedHashMap<>();
        Map<String, List<TeamWorkload.AgentLoad>> byTeam = new LinkedHashMap<>();
        List<TeamWorkload.AgentLoad> agents = new ArrayList<>();
        for (User user : identityService.createUserQuery().memberOfGroup(SupportGroups.AGENTS).orderByUserId().asc().list()) {
            String id = user.getId();
            List<String> teamIds = new ArrayList<>();
            for (Group group : identityService.createGroupQuery().groupMember(id).orderByGroupId().asc().list()) {
                if (SupportGroups.isTeam(group.getId())) {
                    teamIds.add(group.getId());
                    teams.putIfAbsent(group.getId(), group);
                }
            }
            long open = capacity.openCasesOwnedBy(id);
            int limit = capacity.of(id);
            Absence absence = away.get(id);
            boolean absentNow = absence != null && absence.covers(now);
            TeamWorkload.AgentLoad load = new TeamWorkload.AgentLoad(id, People.named(user), teamIds, open, limit,
                    absentNow ? 0 : Math.max(0, limit - open),
                    taskService.createTaskQuery().taskAssignee(id)
                            .taskDefinitionKeyIn(Processes.CALLBACK_TASKS.toArray(String[]::new))
                            .dueAfter(new Date(dayStarts.getTime() - 1)).dueBefore(dayEnds).count(),
                    taskService.createTaskQuery().taskAssignee(id).dueBefore(Date.from(now)).count(),
                    broken.getOrDefault(id, 0L),
                    absence == null ? null
                            : new TeamWorkload.AbsenceShown(absence.startsAt(), absence.endsAt(), absence.handOverTo()));
            agents.add(load);
            teamIds.forEach(team -> byTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(load));
        }
        List<TeamWorkload.TeamLoad> teamLoads = new ArrayList<>();
        for (Group team : teams.values()) {
            List<TeamWorkload.AgentLoad> members = byTeam.get(team.getId());
            teamLoads.add(new TeamWorkload.TeamLoad(team.getId(), team.getName(),
                    members.stream().map(TeamWorkload.AgentLoad::user).toList(),
                    sum(members, TeamWorkload.AgentLoad::openCases),
                    sum(members, TeamWorkload.AgentLoad::capacity),
                    sum(members, TeamWorkload.AgentLoad::room),
                    sum(members, TeamWorkload.AgentLoad::callbacksDueToday),
                    sum(members, TeamWorkload.AgentLoad::overdueTasks),
                    sum(members, TeamWorkload.AgentLoad::brokenPromisesThisWeek),
                    taskService.createTaskQuery().taskCandidateGroup(team.getId()).taskUnassigned().count()));
        }
        return new TeamWorkload(now, zone.getId(), day, monday, agents, teamLoads);
    }

    private static long sum(List<TeamWorkload.AgentLoad> members,
                            java.util.function.ToLongFunction<TeamWorkload.AgentLoad> number) {
        return members.stream().mapToLong(number).sum();
    }
}
