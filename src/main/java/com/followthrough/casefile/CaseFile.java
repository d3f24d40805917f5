package com.followthrough.casefile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A case as a person reads it: where it stands ({@code stage}: the part of the case process it is in, e.g. "Work on
 * the solution", or "Closed"; {@code currentSteps}: the steps under way), who owns it, what was promised and said, what is owed.
 * {@code slaPaused}: the resolution clock stands still while the team waits on the customer's answer;
 * {@code pausedMinutes}: the business minutes it has stood still so far, the running pause included (the resolution
 * target in {@code deadlines} has moved by the pauses that ended).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseFile(String reference, String status, String stage, List<String> currentSteps, Customer customer,
                       String language, String channel, String priority, String subject, String description,
                       String owner, Instant openedAt, Instant closedAt, Deadlines deadlines,
                       Boolean slaPaused, Long pausedMinutes,
                       List<OpenTask> openTasks, List<PromiseMade> promises, List<Message> messages,
                       Reimbursement reimbursement, String followUpOf) {

    public record Customer(String name, String email, String phone, String plan) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deadlines(Instant firstResponseDueAt, Instant firstRespondedAt, Instant resolutionDueAt,
                            Instant resolvedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpenTask(String name, String taskDefinitionKey, String assignee, Instant due, Instant followUp) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromiseMade(String madeBy, Instant madeAt, Instant dueAt, String nextActions, String status,
                              Instant keptAt, Instant brokenAt, String takenOverBy, Instant takenOverAt,
                              String handedTo, String handedToTeam) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String direction, String kind, String channel, String subject, String body, Instant at,
                          String delivery) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reimbursement(String kind, BigDecimal amount, String approvalDecision, BigDecimal amountOffered) {
    }
}
