package com.followthrough.servicelevel;

import java.security.Principal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;
import com.followthrough.casefile.CaseLookup;
import com.followthrough.organization.SupportGroups;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * {@code GET /api/service-levels?plan=&priority=&channel=&at=}: the targets the service-levels decision gives such a
 * case and the deadlines of one opened at {@code at}, counted on the plan's business calendar (working hours, public
 * holidays). Integrators quote it to customers; agents and supervisors check a calendar. Changes nothing.
 *
 * <p>{@code PUT /api/cases/{reference}/service-level}: a supervisor changes an open case's plan or priority, and its
 * deadlines move with the service levels decided again ({@link ServiceLevelChange}). An endpoint rather than a step
 * in the model: the change can come at any stage of the case, and what it does (moving dates, timers and due dates of
 * whatever is open) is no step of the work on the case.
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

    /** Who may change a case's plan or priority: someone with authority over the team's promises. */
    static final Set<String> MAY_CHANGE = Set.of(SupportGroups.SUPERVISORS, SupportGroups.CAMUNDA_ADMIN);

    static final int MAX_REASON = 2_000;

    /** {@code plan} and {@code priority}: the new ones, at least one of them; {@code reason}: why, for the record. */
    public record NewServiceLevel(String plan, String priority, String reason) {
    }

    private final ServiceLevelDecision decision;
    private final BusinessCalendars calendars;
    private final IdentityService identities;
    private final CaseLookup cases;
    private final ServiceLevelChange changes;

    public ServiceLevelsController(ServiceLevelDecision decision, BusinessCalendars calendars, IdentityService identities,
                                   CaseLookup cases, ServiceLevelChange changes) {
        this.decision = decision;
        this.calendars = calendars;
        this.identities = identities;
        this.cases = cases;
        this.changes = changes;
    }

    @PutMapping(path = "/api/cases/{reference}/service-level", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ServiceLevelChange.Changed change(@PathVariable String reference, @RequestBody NewServiceLevel body,
                                             Principal user) {
        requireOneOf(identities, MAY_CHANGE, "Only supervisors change a case's plan or priority");
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        boolean planGiven = body.plan() != null;
        boolean priorityGiven = body.priority() != null;
        if (!planGiven && !priorityGiven) {
            errors.add(new ApiProblem.FieldError("plan", "or priority is required: the new plan, the new priority or both"));
        }
        if (planGiven) {
            check("plan", body.plan(), Plan.IDS, errors);
        }
        if (priorityGiven) {
            check("priority", body.priority(), Priority.IDS, errors);
        }
        String reason = body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty()) {
            errors.add(new ApiProblem.FieldError("reason", "is required: why the case's service level changes"));
        } else {
            FieldChecks.notPlainText(body.reason(), true).or(() -> FieldChecks.tooLong(reason, MAX_REASON))
                    .ifPresent(message -> errors.add(new ApiProblem.FieldError("reason", message)));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        CaseLookup.FoundCase found = cases.find(reference);
        if (found.closed()) {
            throw ApiProblem.conflict("Case closed", "Case " + reference + " is closed: its service level no longer changes.");
        }
        try {
            return changes.change(reference, found.processInstanceId(), body.plan(), body.priority(), reason, user.getName());
        } catch (OptimisticLockingException changedMeanwhile) {
            // A timer fired or a task was completed on the case at the same moment; the change was rolled back whole.
            throw ApiProblem.conflict("Case changed meanwhile", "Case " + reference
                    + " changed while its service level was being changed; nothing was changed. Try again.");
        }
    }

    @GetMapping("/api/service-levels")
    public ServiceLevelQuote quote(@RequestParam(required = false) String plan,
                                   @RequestParam(required = false) String priority,
                                   @RequestParam(required = false) String channel,
                                   @RequestParam(required = false) String at) {
        requireOneOf(identities, MAY_ASK, "Service levels are for agents, supervisors, analysts and intake systems");
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

    /** 403 unless the signed-in user is in one of the groups. */
    static void requireOneOf(IdentityService identities, Set<String> groups, String who) {
        Authentication user = identities.getCurrentAuthentication();
        List<String> own = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (own.stream().noneMatch(groups::contains)) {
            throw ApiProblem.forbidden(who + " (groups " + groups.stream().sorted().toList() + ").");
        }
    }

    private static void check(String field, String value, Set<String> allowed, List<ApiProblem.FieldError> errors) {
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
