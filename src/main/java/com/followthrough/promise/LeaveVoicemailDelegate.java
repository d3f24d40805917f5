package com.followthrough.promise;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.TaskActor;
import com.followthrough.communication.CustomerMessenger;
import com.followthrough.communication.MessageKind;
import com.followthrough.servicelevel.BusinessCalendar;
import com.followthrough.servicelevel.BusinessCalendars;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * "Leave a voicemail": the customer was not reached, so they get the reference and the number to call, and we count
 * the attempt. What the voicemail states is backed before it is sent: with another attempt left, "we will try again by
 * X" is a new promise in the ledger ({@code ft_promise}, made by whoever calls), due one retry wait to wait
 * ({@code retryWaitOverAt}, the timer "Retry wait over") and one to call, with the timer on "Call the customer again"
 * and its reminder before it ({@code callbackReminderAt}, the task's follow-up date, as for the first call);
 * after the last attempt, a supervisor decides by one retry wait ({@code unreachableDecisionDueAt}, due date and timer
 * of "Decide: the customer could not be reached"). The retry wait is working time on the plan's business calendar, as
 * every deadline of the case: a voicemail on Friday 15:30 on Mon-Fri 09:00-17:00 calls again from Monday 09:30 and
 * promises the call by 11:30, not by Friday 19:30 when nobody works to keep it.
 */
@Component("leaveVoicemail")
public class LeaveVoicemailDelegate implements JavaDelegate {

    static final String RETRY_ACTIONS = "Call again after the voicemail";
    /** The transient variable the voicemail's composer names the caller by ({@code callerName}). */
    static final String CALLED_BY = "calledBy";

    private final CustomerMessenger messenger;
    private final SupportProperties properties;
    private final Promises promises;
    private final EngineClock clock;
    private final BusinessCalendars calendars;

    public LeaveVoicemailDelegate(CustomerMessenger messenger, SupportProperties properties, Promises promises,
                                  EngineClock clock, BusinessCalendars calendars) {
        this.messenger = messenger;
        this.properties = properties;
        this.promises = promises;
        this.clock = clock;
        this.calendars = calendars;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object previous = execution.getVariable("callbackAttempts");
        int attempts = (previous == null ? 0 : ((Number) previous).intValue()) + 1;
        boolean anotherAttempt = attempts < properties.callback().maxAttempts();
        execution.setVariable("callbackAttempts", attempts);
        execution.setVariable("anotherAttemptAllowed", anotherAttempt);
        Instant now = clock.now();
        // Counted from the minute, like the case's deadlines: the voicemail states a minute, and it falls due then.
        Duration retryWait = properties.callback().retryWait();
        BusinessCalendar teamHours = calendars.of(CaseVariable.PLAN.text(execution));
        String owner = CaseVariable.OWNER.text(execution);
        String caller = caller(execution);
        if (anotherAttempt) {
            // The next call comes after one retry wait (Event_RetryWaitOver) and is due one retry wait later.
            Instant retryWaitOver = teamHours.afterWorkingTime(now, retryWait);
            Instant nextCallDue = teamHours.plusWorkingTime(retryWaitOver, retryWait);
            // The promise is the caller's, who leaves the voicemail that makes it (a stand-in, a colleague from the
            // queue); the next call is the owner's task ("Call the customer again"), so it records that they call
            // now, and AbsentAgentsWork hands it on again if they are still away then.
            String maker = caller == null ? owner : caller;
            long id = promises.make(CaseVariable.CASE_REFERENCE.text(execution), execution.getProcessInstanceId(),
                    execution.getActivityInstanceId(), maker, now, nextCallDue, RETRY_ACTIONS,
                    CaseVariable.CALLBACK_NUMBER.text(execution));
            if (!owner.isBlank() && !owner.equals(maker)) {
                promises.handOver(id, owner);
            }
            execution.setVariable("promiseId", id);
            execution.setVariable("retryWaitOverAt", Date.from(retryWaitOver));
            CaseVariable.CALLBACK_DUE_AT.set(execution, Date.from(nextCallDue));
            // The next call is still to be made: the one just made does not make its deadline done.
            execution.removeVariable(CaseVariable.CALLBACK_MADE_AT.name());
            // The follow-up of "Call the customer again": the same reminder before it as before the first call.
            execution.setVariable("callbackReminderAt",
                    Date.from(RecordPromiseDelegate.reminderAt(nextCallDue, now, teamHours, properties)));
        } else {
            execution.setVariable("unreachableDecisionDueAt",
                    Date.from(teamHours.afterWorkingTime(now, retryWait)));
        }
        // The voicemail speaks for whoever made the call ("this is Olivia: I just tried to call you"): a colleague
        // standing in for an absent owner, or someone who took the callback from the team queue, not the owner.
        execution.setVariableLocal(CALLED_BY, Variables.stringValue(caller, true));
        // After counting and recording: the voicemail states the time that is now backed.
        messenger.send(MessageKind.VOICEMAIL, execution);
        // The next attempt starts from a blank callback form, not from this attempt's "not reached".
        execution.removeVariable("callbackOutcome");
        execution.removeVariable("callbackNotes");
    }

    /**
     * Who completed the call that did not reach the customer, the last callback task of this promise
     * ({@link TaskActor#ofCompleted}: also one completed from the team's queue without a claim); null if none.
     */
    private static String caller(DelegateExecution execution) {
        HistoryService history = execution.getProcessEngineServices().getHistoryService();
        return history.createHistoricTaskInstanceQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKeyIn(Processes.CALLBACK_TASKS.toArray(String[]::new))
                .taskDeleteReason("completed").orderByHistoricTaskInstanceEndTime().desc()
                .listPage(0, 1).stream().findFirst()
                .map(call -> TaskActor.ofCompleted(history, call))
                .orElse(null);
    }
}
