package com.followthrough.promise;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.servicelevel.BusinessCalendar;
import com.followthrough.servicelevel.BusinessCalendars;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Record the promise": the callback the owner promised becomes a row with made by / made at / due at,
 * and the dates the callback task and its timers use. The reminder (the task's follow-up date) comes
 * {@code callback.reminder-before} of the owner's working time (the plan's business calendar) before the callback, so
 * a callback promised for Monday 09:05 is flagged on Friday afternoon, not at a weekend hour nobody works. A promise
 * that cannot be kept ({@link PromiseEntry}) is refused here too, and so is the step that made it. A new time a
 * supervisor agreed with the customer replaces the promise of this KeepPromise, kept if it was still open. Who is
 * asked when it is late follows whoever holds the callback task ({@code callbackHeldBySupervisor}, kept by
 * {@code workload.PromiseFollowsTheCallback}), not the maker of the promise.
 */
@Component("recordPromise")
public class RecordPromiseDelegate implements JavaDelegate {

    private final Promises promises;
    private final EngineClock clock;
    private final SupportProperties properties;
    private final BusinessCalendars calendars;

    public RecordPromiseDelegate(Promises promises, EngineClock clock, SupportProperties properties,
                                 BusinessCalendars calendars) {
        this.promises = promises;
        this.clock = clock;
        this.properties = properties;
        this.calendars = calendars;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = clock.now();
        PromiseEntry entry = PromiseEntry.read(execution, now, properties);
        Instant due = entry.due();
        if (execution.getVariable("promiseId") instanceof Number replaced) {
            // A supervisor agreed a new time with the customer.
            promises.keptByANewTime(replaced.longValue(), now, execution.getActivityInstanceId());
        }
        String owner = CaseVariable.OWNER.text(execution);
        long id = promises.make(CaseVariable.CASE_REFERENCE.get(execution), execution.getProcessInstanceId(),
                execution.getActivityInstanceId(), owner, now, due, entry.nextActions(), entry.callbackNumber());

        Instant reminder = reminderAt(due, now, calendars.of(CaseVariable.PLAN.text(execution)), properties);
        execution.setVariable("promiseId", id);
        CaseVariable.CALLBACK_DUE_AT.set(execution, Date.from(due));
        execution.removeVariable(CaseVariable.CALLBACK_MADE_AT.name()); // a call made for an earlier promise
        execution.setVariable("callbackReminderAt", Date.from(reminder));
        // The retry wait: a new decision window when nobody decided on an unreachable customer in time ("Tell the
        // customer who decides by when"), and the wait of "Retry wait over" in KeepPromise instances on an earlier
        // model version; the current model waits for retryWaitOverAt, counted in working hours by "Leave a voicemail".
        execution.setVariable("callbackRetryWait", properties.callback().retryWait().toString());
        execution.setVariable("callbackAttempts", 0);
    }

    /**
     * The callback's follow-up date: {@code callback.reminder-before} of working time before it is due, or now; on the
     * minute ({@link BusinessCalendar#toTheMinute}), as Tasklist shows it.
     */
    static Instant reminderAt(Instant due, Instant now, BusinessCalendar calendar, SupportProperties properties) {
        Instant reminder = calendar.minusWorkingTime(due, properties.callback().reminderBefore());
        return BusinessCalendar.toTheMinute(reminder.isBefore(now) ? now : reminder);
    }
}
