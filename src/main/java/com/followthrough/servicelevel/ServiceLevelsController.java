package com.followthrough.servicelevel;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.CallerGroups;
import com.followthrough.organization.SupportGroups;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * {@code GET /api/service-levels?plan=&priority=&channel=&at=}: the targets the service-levels decision gives such a
 * case and the deadlines of one opened at {@code at}, counted on the plan's business calendar (working hours, public
 * holidays). Integrators quote it to customers; agents and supervisors check a calendar. Changes nothing.

 */
@RestController
public class ServiceLevelsController {

    static final Set<String> MAY_ASK = Set.of(SupportGroups.AGENTS, SupportGroups.AGENTS_EN, SupportGroups.AGENTS_DE,
            SupportGroups.SUPERVISORS, SupportGroups.ANALYSTS, SupportGroups.CAMUNDA_ADMIN, SupportGroups.INTEGRATIONS);

    /** Before that, or after the last, is a typo, not a case anyone opens. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2199-12-31T23:59:59Z");

    public record ServiceLevelQuote(String plan, String priority, String channel, Instant openedAt, String timeZone,
                                    ServiceLevelDecision.Targets targets, ServiceLevelDecision.Deadlines deadlines) {
    }

    private final ServiceLevelDecision decision;
    private final BusinessCalendars calendars;
    private final IdentityService identities;

    public ServiceLevelsController(ServiceLevelDecision decision, BusinessCalendars calendars, IdentityService identities) {
        this.decision = decision;
        this.calendars = calendars;
        this.identities = identities;
    }

    @GetMapping("/api/service-levels")
    public ServiceLevelQuote quote(@RequestParam(required = false) String plan,
                                   @RequestParam(required = false) String priority,
                                   @RequestParam(required = false) String channel,
                                   @RequestParam(required = false) String at) {
        CallerGroups.requireOneOf(identities, MAY_ASK, "Service levels are for agents, supervisors, analysts and intake systems");
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        check("plan", plan, Plan.IDS, errors);
        check("priority", priority, Priority.IDS, errors);
        check("channel", channel, Channel.IDS, errors);
        Instant openedAt = instant(at, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        ServiceLevelDecision.Targets targets = decision.decide(plan, priority, channel);
        return new ServiceLevelQuote(plan, priority, channel, openedAt, calendars.of(plan).zone().getId(), targets,
                decision.deadlines(targets, plan, openedAt));
    }

    /** A required value out of a closed list, or a field error naming it. */
    public static void check(String field, String value, Set<String> allowed, List<ApiProblem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiProblem.FieldError(field, "is required, one of " + allowed.stream().sorted().toList()));
        } else {
            FieldChecks.notOneOf(value, allowed).ifPresent(message -> errors.add(new ApiProblem.FieldError(field, message)));
        }
    }

    private static Instant instant(String at, List<ApiProblem.FieldError> errors) {
        if (at == null || at.isBlank()) {
            errors.add(new ApiProblem.FieldError("at", "is required: the moment the case is opened, e.g. 2030-12-24T16:00:00Z"));
            return null;
        }
        Instant moment;
        try {
            moment = at.endsWith("Z") || at.endsWith("z") ? Instant.parse(at.toUpperCase()) : OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeException notAnInstant) {
            errors.add(new ApiProblem.FieldError("at", "must be an ISO-8601 instant with Z or an offset, e.g."
                    + " 2030-12-24T16:00:00Z (a '+' offset must be sent as %2B)"));
            return null;
        }
        if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
            errors.add(new ApiProblem.FieldError("at", "must be between " + EARLIEST + " and " + LATEST));
            return null;
        }
        return moment;
    }
}
