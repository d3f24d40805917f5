package com.followthrough.reimbursement;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.SupportProperties;

/**
 * "Arrange the reimbursement" (and the supervisors' "... now"): the customer is told at once "we have paid you ... on
 * {@code paidOn}", so the day recorded must have come: a day after today, today being the support team's day
 * ({@code support.time-zone}, as every date typed on a form is read), is refused naming the field, and nothing
 * changes. A day that is missing or not a date is left to the form's own check, which runs after this listener.
 */
@Component("paymentDay")
public class PaymentDay implements TaskListener {

    static final String FIELD = "paidOn";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final EngineClock clock;
    private final SupportProperties properties;

    public PaymentDay(EngineClock clock, SupportProperties properties) {
        this.clock = clock;
        this.properties = properties;
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
