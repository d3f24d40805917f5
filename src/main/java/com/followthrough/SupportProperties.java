package com.followthrough;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** The support team's own settings (`follow-through.*`). */
@Validated
@ConfigurationProperties("follow-through")
public record SupportProperties(Support support, Cases cases, Callback callback, Reimbursement reimbursement) {

    /** The support team: its time zone (for times shown to customers) and the number customers call. */
    public record Support(@DefaultValue("UTC") ZoneId timeZone, @NotBlank String phoneNumber) {
    }

    /** How long a resolved case waits for the customer before it closes on its own. */
    public record Cases(@DefaultValue("P7D") Period quietPeriod) {
    }

    /** Callback promises: reminder before the promised time, wait between attempts, attempts in all. */
    public record Callback(@DefaultValue("PT15M") Duration reminderBefore, @DefaultValue("PT2H") Duration retryWait,
                           @DefaultValue("3") @Min(1) int maxAttempts) {
    }

    /** How long a supervisor has to approve a reimbursement above an agent's authority. */
    public record Reimbursement(@DefaultValue("PT8H") Duration approvalWindow) {
    }
}
