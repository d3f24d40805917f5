package com.followthrough.reimbursement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.SupportProperties;

/**
 * "Arrange the reimbursement" (and the supervisors' "... now"): the customer is told at once "we have paid you ... on
 * {@code paidOn}", so the day recorded must have come, and a payment cannot go out before it was decided. A day after
 * today, or before the day the reimbursement was decided, both in the support team's zone ({@code support.time-zone},
 * as every date typed on a form is read), is refused naming the field, and nothing changes. A day that is missing or
 * not a date is left to the form's own check, which runs after this listener.
 */
@Component("paymentDay")
public class PaymentDay implements TaskListener {

    static final String FIELD = "paidOn";
    /**
     * Where a reimbursement is decided: the decision when the case is resolved and, above the agent's authority, the
     * approval; the later one that ended (an approval that ran out did not decide) is when it was decided.
     */
    static final String DECISION = "Task_DecideReimbursement";
    static final String APPROVAL = "Task_ApproveReimbursement";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final EngineClock clock;
    private final SupportProperties properties;
    private final HistoryService history;

    public PaymentDay(EngineClock clock, SupportProperties properties, HistoryService history) {
        this.clock = clock;
        this.properties = properties;
        this.history = history;
    }

    @Override
    public void notify(DelegateTask task) {
        LocalDate paidOn = day(task.getVariable(FIELD));
        if (paidOn == null) {
            return;
        }
        ZoneId zone = properties.support().timeZone();
        LocalDate today = LocalDate.ofInstant(clock.now(), zone);
        if (paidOn.isAfter(today)) {
            throw RefusedEntryException.naming(FIELD, "the payment day " + DAY.format(paidOn) + " is after today, "
                    + DAY.format(today) + " in " + zone.getId() + ". The customer is told at once that it is paid on"
                    + " that day: record the day the payment went out, once it has.");
        }
        Optional<LocalDate> decided = decidedAt(task.getProcessInstanceId()).map(at -> LocalDate.ofInstant(at, zone));
        if (decided.isPresent() && paidOn.isBefore(decided.get())) {
            throw RefusedEntryException.naming(FIELD, "the payment day " + DAY.format(paidOn) + " is before the"
                    + " reimbursement was decided, on " + DAY.format(decided.get()) + " in " + zone.getId() + ". No"
                    + " payment goes out before it is decided: record the day the payment went out.");
        }
    }

    /** When the reimbursement being paid was decided, from the case's history; none on a history level without it. */
    private Optional<Instant> decidedAt(String caseInstanceId) {
        return Stream.of(DECISION, APPROVAL)
                .flatMap(activity -> history.createHistoricActivityInstanceQuery().processInstanceId(caseInstanceId)
                        .activityId(activity).finished().list().stream())
                .filter(ended -> !ended.isCanceled())
                .map(HistoricActivityInstance::getEndTime)
                .max(Comparator.naturalOrder())
                .map(Date::toInstant);
    }

    private static LocalDate day(Object value) {
        if (value instanceof LocalDate day) {
            return day;
        }
        if (value instanceof String text) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException notADay) {
                return null;
            }
        }
        return null;
    }
}
