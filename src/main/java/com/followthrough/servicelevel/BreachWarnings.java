package com.followthrough.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.SettingChecks;

/**
 * Warns before a service level is breached (issue 15, item 5): a task due at a service-level deadline gets a
 * follow-up date at {@code follow-through.breach-warning.share} of the way from the moment its clock started to its
 * due date, in the working time of the case's plan ({@link #followUp}), so the Tasklist filter "About to breach"
 * shows it from then until it is due. Which deadline a task carries is read from its due date in the model;
 * {@link BreachWarningPlugin} adds this to every such task the engine deploys.
 */
@Component
@EnableConfigurationProperties(BreachWarnings.Settings.class)
public class BreachWarnings {

    /** When a customer message arrived: the clock of its next reply ({@code answerDueAt}) starts there. */
    public static final String MESSAGE_RECEIVED_AT = "messageReceivedAt";

    /**
     * Service-level deadline variable → the case variables holding a moment its clock started, the latest one set
     * wins: a reopened case counts its fresh resolution target from the reopening ({@link
     * FreshResolutionTargetListener}), a date a supervisor set from when it was set ({@link
     * NewResolutionTargetListener}), not from the day the case was first opened.
     */
    static final Map<String, List<String>> CLOCK_STARTS = Map.of(
            "firstResponseDueAt", List.of("openedAt"),
            "resolutionDueAt", List.of(NewResolutionTargetListener.DATE_SET_AT,
                    FreshResolutionTargetListener.REOPENED_AT, "openedAt"),
            "answerDueAt", List.of(MESSAGE_RECEIVED_AT));

    /** The share of each target after which its task falls due for follow-up; 0.75 unless set. */
    @ConfigurationProperties("follow-through.breach-warning")
    public record Settings(@DefaultValue("0.75") double share) {

        public Settings {
            SettingChecks.between("follow-through.breach-warning.share", share, 0, 1);
        }
    }

    private final double share;
    private final BusinessCalendars calendars;

    public BreachWarnings(Settings settings, BusinessCalendars calendars) {
        this.share = settings.share();
        this.calendars = calendars;
    }

    /**
     * The share of the plan's working time from start to due, as the targets count it: PT4H from Friday 16:00 on
     * Mon-Fri 09:00-17:00 warns Monday 11:00, not on Sunday evening, when three of its four hours are still to come.
     * A due date not after the start leaves no time to warn: the due date itself; no working time in between (an
     * evening date set in the evening, or no plan): the share of the elapsed time. Counted from the minute of the
     * start, as the targets are, and on the minute ({@link BusinessCalendar#toTheMinute}): 12:00, not 12:00:10.
     */
    public Instant followUp(Instant start, Instant due, String plan) {
        return BusinessCalendar.toTheMinute(shareOfTheWay(BusinessCalendar.toTheMinute(start), due, plan));
    }

    private Instant shareOfTheWay(Instant start, Instant due, String plan) {
        if (!due.isAfter(start)) {
            return due;
        }
        BusinessCalendar hours = plan == null || plan.isBlank() ? null : calendars.of(plan);
        Duration working = hours == null ? Duration.ZERO : hours.workingTimeBetween(start, due);
        if (working.isZero()) {
            return start.plusMillis(Math.round(Duration.between(start, due).toMillis() * share));
        }
        Instant warning = hours.plusWorkingTime(start, Duration.ofMillis(Math.round(working.toMillis() * share)));
        return warning.isAfter(due) ? due : warning;
    }

    /** The service-level deadline variable a due-date expression such as {@code ${answerDueAt}} counts to, if any. */
    static Optional<String> deadlineIn(String dueDateExpression) {
        if (dueDateExpression == null) {
            return Optional.empty();
        }
        return CLOCK_STARTS.keySet().stream().sorted()
                .filter(variable -> Pattern.compile("\\b" + variable + "\\b").matcher(dueDateExpression).find())
                .findFirst();
    }

    /**
     * On create of a task due at {@code deadline}: its follow-up date, unless the model gave it one. A case started
     * before its clock start was recorded keeps no warning rather than a guessed one.
     */
    void warnBeforeBreach(DelegateTask task, String deadline) {
        if (task.getDueDate() == null || task.getFollowUpDate() != null) {
            return;
        }
        if ("resolutionDueAt".equals(deadline) && task.getVariable(ResolutionClock.PAUSED_AT) instanceof Date) {
            return; // the target does not run while the case waits on the customer: warned when it runs again
        }
        warningBefore(task, deadline, task.getDueDate()).ifPresent(task::setFollowUpDate);
    }

    /**
     * The warning before {@code due}, a moment {@code deadline} of the case in {@code variables} counts to, counted
     * from the moment its clock started; none when the case recorded no such moment.
     */
    Optional<Date> warningBefore(VariableScope variables, String deadline, Date due) {
        return CLOCK_STARTS.get(deadline).stream().map(variables::getVariable).filter(Date.class::isInstance)
                .map(Date.class::cast).max(Date::compareTo).map(start -> Date.from(followUp(start.toInstant(),
                        due.toInstant(), CaseVariables.text(variables, "plan"))));
    }
}
