package com.followthrough.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Turns the service-level targets (ISO-8601 durations from the service-levels decision) into dates stored on the
 * case, counted on a business calendar (see {@link BusinessCalendar}), so timers, Tasklist due dates, reports and
 * the times the customer is told agree on one deadline. Used from the model as
 * {@code ${deadlines.after('PT4H', plan)}}.
 */
@Component("deadlines")
public class CaseDeadlines {

    private final BusinessCalendars calendars;
    private final EngineClock clock;

    public CaseDeadlines(BusinessCalendars calendars, EngineClock clock) {
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Now plus the target, counted on the named business calendar (usually the case's plan), from this minute. */
    public Date after(String target, String calendar) {
        return Date.from(calendars.of(calendar).after(clock.now(), target));
    }

    /**
     * A timer cycle that fires at the given date and then once a day, {@code R/2026-11-24T08:00:00Z/P1D}: for a
     * promise whose date a person may move, who then moves the next firing to the new date.
     */
    public String dailyFrom(Date first) {
        return "R/" + first.toInstant() + "/P1D";
    }

    /**
     * The "Resolution target passed" cycle: daily from {@code escalationAt(resolutionDueAt, plan)}. A target that had
     * passed already when the work on the solution began ({@code workStartedAt}; nobody listened in time) is checked
     * one minute after that (or at the next opening), not at the next daily firing after it, up to a day later. Both
     * dates stay as they are while the cycle repeats, so the engine's re-evaluation keeps it.
     */
    public String resolutionChecks(Date resolutionDueAt, Object workStartedAt, String calendar) {
        Date first = escalationAt(resolutionDueAt, calendar);
        if (workStartedAt instanceof Date started && !first.after(started)) {
            first = escalationAt(Date.from(started.toInstant().plus(Duration.ofMinutes(1))), calendar);
        }
        return dailyFrom(first);
    }

    /**
     * The earlier of a step's own due date and a date the customer was told they hear from its owner by, while that
     * date is still ahead: {@code ${deadlines.noLaterThan(resolutionDueAt, execution.getVariable('specialistAdviceDueAt'))}}.
     * A told date that has passed is already a supervisor's (its own timer); absent, the step keeps its own date.
     */
    public Date noLaterThan(Date due, Object toldDate) {
        return toldDate instanceof Date told && told.after(now()) && (due == null || told.before(due)) ? told : due;
    }

    /**
     * The date the customer was told they hear from the owner by while a specialist advises ({@code
     * specialistAdviceDueAt}), as long as that word is owed ({@code ownerContactOwed}); null once it reached them. A
     * step after it is due as without a specialist: {@code ${deadlines.noLaterThan(resolutionDueAt,
     * deadlines.ownersWordDueAt(execution))}}. Read alone, the date kept a callback promised after a callback that did
     * not solve it due by a date the customer had already been given their word for.
     */
    public Date ownersWordDueAt(VariableScope supportCase) {
        return Boolean.TRUE.equals(CaseVariable.OWNER_CONTACT_OWED.get(supportCase))
                ? CaseVariable.SPECIALIST_ADVICE_DUE_AT.get(supportCase) : null;
    }

    /**
     * When an escalation to a supervisor for a deadline {@code due} fires: at the deadline while the plan's team works
     * (its closing minute included), else at the next opening of the plan's calendar, so nobody is woken at night
     * for it; a plan open around the clock escalates at once. {@code ${deadlines.escalationAt(answerDueAt, plan)}}.
     */
    public Date escalationAt(Date due, String calendar) {
        BusinessCalendar hours = calendars.of(calendar);
        Instant at = due.toInstant();
        return hours.isOpen(at) || hours.isOpen(at.minusMillis(1)) ? due : Date.from(hours.nextOpening(at));
    }

    /**
     * Whether an escalation thrown now reaches people at once: the plan's team works now (or the calendar is open
     * around the clock). When not, the model waits for {@code escalationAt(now(), plan)}, the next opening.
     */
    public boolean teamAtWork(String calendar) {
        Date now = now();
        return escalationAt(now, calendar).equals(now);
    }

    /** Now: the due date of a step that is late the moment it appears, such as keeping a promise already broken. */
    public Date now() {
        return clock.nowAsDate();
    }

    /**
     * Now plus the duration in plain elapsed time: for the customer's own waiting times (the quiet period, the wait
     * before calling again), and for cases on an older model version that call it at the reimbursement approval.
     */
    public Date after(String target) {
        return Date.from(BusinessCalendar.aroundTheClock(ZoneOffset.UTC).after(clock.now(), target));
    }
}
