package com.followthrough;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The support team's own settings (`follow-through.*`). */
@ConfigurationProperties("follow-through")
public record SupportProperties(Support support, Cases cases, Callback callback, Reimbursement reimbursement,
                                Map<String, PlanCalendar> calendars) {

    /** The support team: its time zone (for callback times entered without one) and the number customers call. */
    public record Support(@DefaultValue("Europe/Berlin") ZoneId timeZone, String phoneNumber) {

        public Support {
            SettingChecks.notBlank("follow-through.support.phone-number", phoneNumber);
        }
    }

    /**
     * How long a resolved case waits for the customer before it closes on its own; how long after closing a message
     * for the case opens a follow-up that goes back to the case's owner (later, a new linked case for the team).
     */
    public record Cases(@DefaultValue("P7D") Period quietPeriod, @DefaultValue("P30D") Period followUpPeriod) {

        public Cases {
            SettingChecks.positive("follow-through.cases.quiet-period", quietPeriod);
            SettingChecks.notNegative("follow-through.cases.follow-up-period", followUpPeriod);
        }
    }

    /**
     * Callback promises: reminder before the promised time, wait between attempts, attempts in all, and the window a
     * promised time must fall in: at least {@code minLead} from now, at most {@code maxAhead}.
     */
    public record Callback(@DefaultValue("PT15M") Duration reminderBefore, @DefaultValue("PT2H") Duration retryWait,
                           @DefaultValue("3") int maxAttempts, @DefaultValue("PT5M") Duration minLead,
                           @DefaultValue("P30D") Duration maxAhead) {

        public Callback {
            SettingChecks.atLeast("follow-through.callback.max-attempts", maxAttempts, 1);
            SettingChecks.notNegative("follow-through.callback.reminder-before", reminderBefore);
            SettingChecks.positive("follow-through.callback.retry-wait", retryWait);
            SettingChecks.notNegative("follow-through.callback.min-lead", minLead);
            SettingChecks.longerThan("follow-through.callback.max-ahead", maxAhead,
                    "follow-through.callback.min-lead", minLead, false);
        }
    }

    /**
     * How long a supervisor has to approve a reimbursement above an agent's authority, and up to which amount (EUR) a
     * supervisor may decide on one; administrators ({@code camunda-admin}) may decide on any amount. Once offered, the
     * customer is told the reimbursement is paid within {@code arrangementWindow}; the owner has {@code ownerWindow} of
     * it (shorter), then the supervisors take it over. Both count on the standard (office hours) calendar.
     */
    public record Reimbursement(@DefaultValue("PT8H") Duration approvalWindow,
                                @DefaultValue("1000") BigDecimal supervisorAuthority,
                                @DefaultValue("PT16H") Duration arrangementWindow,
                                @DefaultValue("PT8H") Duration ownerWindow) {

        public Reimbursement {
            SettingChecks.notNegative("follow-through.reimbursement.supervisor-authority", supervisorAuthority);
            SettingChecks.positive("follow-through.reimbursement.approval-window", approvalWindow);
            SettingChecks.positive("follow-through.reimbursement.arrangement-window", arrangementWindow);
            SettingChecks.positive("follow-through.reimbursement.owner-window", ownerWindow);
            if (ownerWindow.compareTo(arrangementWindow) >= 0) {
                throw new IllegalArgumentException("follow-through.reimbursement.owner-window (" + ownerWindow
                        + ") must be shorter than arrangement-window (" + arrangementWindow
                        + "), so that the supervisors can still pay before the date the customer was given");
            }
        }
    }

    /**
     * A plan's business calendar ({@code calendars.<plan>}): the time zone its team works in, the working days, the
     * daily working hours ({@code 09:00-17:00}; {@code 00:00-24:00} for all day), and the days it closes: the public
     * holidays of {@code country} (ISO code, {@code DE}) and, if set, {@code region} ({@code BE}, {@code BY}), plus
     * {@code extraClosedDays}. No country: no public holidays (a team open around the clock). {@code holidays}, the
     * hand-typed list of earlier versions, is refused so that a list that ran out is not silently kept.
     */
    public record PlanCalendar(ZoneId timeZone, Set<DayOfWeek> workingDays, String workingHours, String country,
                               String region, @DefaultValue Set<LocalDate> extraClosedDays,
                               @DefaultValue Set<LocalDate> holidays) {
    }
}
