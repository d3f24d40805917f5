package com.followthrough.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import com.followthrough.SettingChecks;

/**
 * Warns before a service level is breached (issue 15, item 5): a task due at a service-level deadline gets a
 * follow-up date at {@code follow-through.breach-warning.share} of the way from the moment its clock started to its
 * due date (start + share × (due − start)), so the Tasklist filter "About to breach" shows it from then until it is
 * due. Which deadline a task carries is read from its due date in the model; {@link BreachWarningPlugin} adds this to
 * every such task the engine deploys.
 */
@Component
@EnableConfigurationProperties(BreachWarnings.Settings.class)
public class BreachWarnings {

    /** When a customer message arrived: the clock of its next reply ({@code answerDueAt}) starts there. */
    public static final String MESSAGE_RECEIVED_AT = "messageReceivedAt";

    /** Service-level deadline variable → the case variable holding the moment its clock started. */
    static final Map<String, String> CLOCK_STARTS = Map.of(
            "firstResponseDueAt", "openedAt",
            "resolutionDueAt", "openedAt",
            "answerDueAt", MESSAGE_RECEIVED_AT);

    /** The share of each target after which its task falls due for follow-up; 0.75 unless set. */
    @ConfigurationProperties("follow-through.breach-warning")
    public record Settings(@DefaultValue("0.75") double share) {

        public Settings {
            SettingChecks.between("follow-through.breach-warning.share", share, 0, 1);
        }
    }

    private final double share;

    public BreachWarnings(Settings settings) {
        this.share = settings.share();
    }

    /** start + share × (due − start); a due date not after the start leaves no time to warn: the due date itself. */
    public Instant followUp(Instant start, Instant due) {
        if (!due.isAfter(start)) {
            return due;
        }
        long millis = Duration.between(start, due).toMillis();
        return start.plusMillis(Math.round(millis * share));
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
        if (task.getVariable(CLOCK_STARTS.get(deadline)) instanceof Date start) {
            task.setFollowUpDate(Date.from(followUp(start.toInstant(), task.getDueDate().toInstant())));
        }
    }
}
