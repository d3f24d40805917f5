package com.followthrough.servicelevel;

import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

import com.followthrough.AsTheApplication;

/**
 * The service-levels decision ({@code processes/service-levels.dmn}, the latest version, as "Determine the service
 * levels" calls it) and the deadlines it gives a case opened at a given moment, counted on the plan's calendar.
 * Callers check who may ask; the decision is then evaluated as the application, because evaluating a decision is an
 * engine grant (CREATE_INSTANCE on the decision definition) nobody in the support team holds.
 */
@Component
public class ServiceLevelDecision {

    static final String DECISION = "ServiceLevels";

    /** The four targets, ISO-8601 durations counted on the plan's business calendar. */
    public record Targets(String firstResponseTarget, String updateInterval, String resolutionTarget,
                          String nextReplyTarget) {
    }

    /** When the case's promises fall due if it was opened at {@code openedAt} and heard nothing since. */
    public record Deadlines(Instant firstResponseDueAt, Instant nextUpdateDueAt, Instant resolutionDueAt) {
    }

    private final DecisionService decisions;
    private final IdentityService identities;
    private final BusinessCalendars calendars;

    public ServiceLevelDecision(DecisionService decisions, IdentityService identities, BusinessCalendars calendars) {
        this.decisions = decisions;
        this.identities = identities;
        this.calendars = calendars;
    }

    public Targets decide(String plan, String priority, String channel) {
        DmnDecisionResultEntries result = AsTheApplication.run(identities, () -> decisions
                .evaluateDecisionByKey(DECISION)
                .variables(Map.of("plan", plan, "priority", priority, "channel", channel)).evaluate().getSingleResult());
        return new Targets(result.getEntry("firstResponseTarget"), result.getEntry("updateInterval"),
                result.getEntry("resolutionTarget"), result.getEntry("nextReplyTarget"));
    }

    public Deadlines deadlines(Targets targets, String plan, Instant openedAt) {
        BusinessCalendar calendar = calendars.of(plan);
        return new Deadlines(calendar.after(openedAt, targets.firstResponseTarget()),
                calendar.after(openedAt, targets.updateInterval()),
                calendar.after(openedAt, targets.resolutionTarget()));
    }

}
