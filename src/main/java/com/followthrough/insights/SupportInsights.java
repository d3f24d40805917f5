package com.followthrough.insights;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The support KPIs of {@code GET /api/insights} for one filter; see docs/analysts.md, "The insights API".
 * {@code resolution} and {@code totalResolution}: opened to the final resolution (after any reopening);
 * {@code firstResolution}: opened to the first time the owner resolved it.
 * {@code timeZone}: the support team's, whose days the filter's {@code from} and {@code to} are.
 */
public record SupportInsights(InsightsFilter filter, Cases cases, FirstResponse firstResponse, NextReply nextReply,
                              Resolution resolution,
                              Promises promises, Escalations escalations, Reimbursements reimbursements,
                              DiscountRequests discountRequests, Satisfaction satisfaction, LastChance lastChance,
                              Resolution firstResolution, Resolution totalResolution,
                              WaitingOnCustomer waitingOnCustomer, String timeZone) {

    public record Cases(long opened, long open, long closed, List<StageCount> byStage) {
    }

    public record StageCount(String stage, long cases) {
    }

    public record FirstResponse(long measured, long onTime, Double onTimePercent, Double medianMinutes,
                                Double p90Minutes) {
    }

    /**
     * The answers to the customer's messages during the case ("Customer wrote in"): {@code messages} that got a
     * next-reply target, {@code measured} those answered or past due, {@code onTime} answered by the time the customer
     * was told; minutes from arrival to answer.
     */
    public record NextReply(long messages, long measured, long onTime, Double onTimePercent, Double medianMinutes,
                            Double p90Minutes) {
    }

    public record Resolution(long measured, Double medianMinutes, Double p90Minutes) {
    }

    /** Cases whose resolution clock stood still while we waited on the customer, and for how many business minutes. */
    public record WaitingOnCustomer(long cases, long pausedMinutes) {
    }

    /** Made: kept, broken, still open, or cancelled (their case or their KeepPromise; neither kept nor broken). */
    public record Promises(long made, long kept, long broken, long open, long cancelled, Double keptPercent,
                           List<OwnerCount> brokenByOwner) {
    }

    public record OwnerCount(String owner, String name, long broken) {
    }

    /** Steps started for people brought in: specialists, supervisors, and the administrators above the supervisors. */
    public record Escalations(long toSpecialists, long toSupervisors, long toAdministrators) {
    }

    public record Reimbursements(long offered, long offeredProactively, long requestedByCustomer, long approved,
                                 long declined, BigDecimal amountOffered, String currency) {
    }

    /**
     * {@code requested}: cases where the customer asked for a discount at any step; {@code traced}: cases where a
     * supervisor traced it; {@code bySource}: every request by the step that heard it and who recorded it.
     */
    public record DiscountRequests(long requested, long traced, List<DiscountSource> bySource) {
    }

    public record DiscountSource(String step, String stepName, String recordedBy, String name, long requests) {
    }

    public record Satisfaction(long surveysSent, long answered, Double averageRating, Map<String, Long> ratings) {
    }

    public record LastChance(long calls, long stays, long leaves, long noAnswer) {
    }
}
