package com.followthrough.workload;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.AgentTime;
import com.followthrough.EngineClock;
import com.followthrough.FieldChecks;
import com.followthrough.SupportProperties;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.CallerGroups;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;

/**
 * The team's workload (W9): {@code GET /api/workload} for supervisors and analysts, and {@code PUT
 * /api/agents/{user}/absence} for supervisors, who hand an absent agent's work to a colleague or the team queue, and
 * take an absence back ({@code DELETE}: one ahead is forgotten, one going on ends now).
 */
@RestController
public class WorkloadController {

    static final Set<String> READERS = Set.of(SupportGroups.SUPERVISORS, SupportGroups.ANALYSTS);
    static final Set<String> ABSENCE_KEEPERS = Set.of(SupportGroups.SUPERVISORS);
    /** An absence longer than a year is a typo, not a holiday. */
    static final Duration LONGEST_ABSENCE = Duration.ofDays(366);

    /** {@code from} and {@code to}: a time with an offset, or without one in the support team's zone. */
    public record AbsenceEntry(String from, String to, String handOverTo) {
    }

    private final Workload workload;
    private final AbsenceHandOver handOver;
    private final IdentityService identityService;
    private final People people;
    private final EngineClock clock;
    private final SupportProperties properties;

    public WorkloadController(Workload workload, AbsenceHandOver handOver, IdentityService identityService,
                              People people, EngineClock clock, SupportProperties properties) {
        this.workload = workload;
        this.handOver = handOver;
        this.identityService = identityService;
        this.people = people;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping("/api/workload")
    public TeamWorkload workload() {
        CallerGroups.requireOneOf(identityService, READERS, "The team's workload is for supervisors and analysts");
        return workload.now();
    }

    @PutMapping(path = "/api/agents/{user}/absence", consumes = MediaType.APPLICATION_JSON_VALUE)
    public AbsenceHandOver.Recorded absence(@PathVariable String user, @RequestBody(required = false) AbsenceEntry entry,
                                            Principal supervisor) {
        requireSupervisorAndAgent(user);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        AbsenceEntry sent = entry == null ? new AbsenceEntry(null, null, null) : entry;
        Instant from = time("from", sent.from(), errors);
        Instant to = time("to", sent.to(), errors);
        Instant now = clock.now();
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                errors.add(new ApiProblem.FieldError("to", "must be after from"));
            } else if (!to.isAfter(now)) {
                errors.add(new ApiProblem.FieldError("to", "has passed already: an absence that is over hands nothing over"));
            } else if (Duration.between(from, to).compareTo(LONGEST_ABSENCE) > 0) {
                errors.add(new ApiProblem.FieldError("to", "must be at most 366 days after from"));
            }
        }
        String standIn = sent.handOverTo();
        if (standIn != null) {
            // Checked as text first: PostgreSQL refuses a NUL in a query parameter, so looking it up failed (500).
            if (standIn.isBlank() || FieldChecks.tooLong(standIn, 64).isPresent()
                    || FieldChecks.notPlainText(standIn, false).isPresent() || !people.exists(standIn)) {
                errors.add(new ApiProblem.FieldError("handOverTo", "is not a user: name a colleague's user id, or leave"
                        + " it out to hand the work to the team queue"));
            } else if (standIn.equals(user)) {
                errors.add(new ApiProblem.FieldError("handOverTo", "is the absent agent: name a colleague, or leave it"
                        + " out to hand the work to the team queue"));
            } else if (!people.isMember(standIn, SupportGroups.SUPERVISORS)
                    && people.teamsOf(standIn).stream().noneMatch(people.teamsOf(user)::contains)) {
                errors.add(new ApiProblem.FieldError("handOverTo", standIn + " is in none of " + user + "'s teams "
                        + people.teamsOf(user) + ", nor a supervisor: they may not speak the customers' language. Name"
                        + " a colleague of those teams, or leave it out to hand the work to the team queue"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return handOver.markAbsent(user, from, to, standIn, supervisor.getName());
    }

    /** The agent is back early, or the absence was entered by mistake: the work handed over stays with who has it. */
    @DeleteMapping("/api/agents/{user}/absence")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void endAbsence(@PathVariable String user, @RequestParam(required = false) String from) {
        requireSupervisorAndAgent(user);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Instant startsAt = time("from", from, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        if (!handOver.endAbsence(user, startsAt)) {
            throw ApiProblem.notFound("from", "is the beginning of no absence of " + user + " that is not over",
                    user + " has no absence beginning at " + from.strip() + " that is not over:"
                    + " GET /api/workload shows the one going on or next ahead.");
        }
    }

    private void requireSupervisorAndAgent(String user) {
        CallerGroups.requireOneOf(identityService, ABSENCE_KEEPERS,
                "Only supervisors mark an agent absent and hand their work over");
        if (FieldChecks.tooLong(user, 64).isPresent() || !people.isMember(user, SupportGroups.AGENTS)) {
            throw ApiProblem.notFound("user", "is no agent", "There is no agent '" + user + "'.");
        }
    }

    private Instant time(String field, String text, List<ApiProblem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new ApiProblem.FieldError(field, "is required"));
            return null;
        }
        Optional<String> clockChange = AgentTime.clockChange(text.strip(), properties.support().timeZone());
        if (clockChange.isPresent()) {
            errors.add(new ApiProblem.FieldError(field, clockChange.get()));
            return null;
        }
        return AgentTime.typed(text.strip(), properties.support().timeZone()).orElseGet(() -> {
            errors.add(new ApiProblem.FieldError(field, "is not a time: write 2026-11-23T09:00 (in the support team's"
                    + " zone, " + properties.support().timeZone().getId() + ") or 2026-11-23T09:00+01:00"));
            return null;
        });
    }

}
