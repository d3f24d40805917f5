package com.followthrough.waiting;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.RefusedEntryException;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.servicelevel.ResolutionClock;

/**
 * "Wait for the customer's answer", right after a step whose agent needs something from the customer
 * ({@code customerQuestion}): stops the resolution clock and starts "Wait for the customer" in the case, which sends
 * the question and reminds the customer. The first reminder falls due one update interval of the plan from now
 * ({@code reminderDueAt}), and {@code follow-through.waiting.max-reminders} reminders are left. A question asked
 * while the case already waits goes out too, and the running wait keeps its clock and reminders
 * ({@code alreadyWaiting}). The messages quote the latest question ({@code openQuestion}).
 */
@Component("waitForCustomer")
public class WaitForCustomerDelegate implements JavaDelegate {

    public static final String CUSTOMER_ASKED = "Message_CustomerAsked";

    private final ResolutionClock resolutionClock;
    private final CaseDeadlines deadlines;
    private final WaitingProperties properties;

    public WaitForCustomerDelegate(ResolutionClock resolutionClock, CaseDeadlines deadlines, WaitingProperties properties) {
        this.resolutionClock = resolutionClock;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String question = CaseVariables.text(execution, "customerQuestion");
        if (question.isBlank()) {
            throw RefusedEntryException.naming("customerQuestion", "write what you need from the customer: they"
                    + " receive it as your question, and the case waits for their answer");
        }
        // The question the messages quote, on the case: a later step may clear customerQuestion (a callback maps it out).
        execution.setVariable("openQuestion", question.strip());
        boolean newWait = resolutionClock.pause(execution);
        if (newWait) {
            execution.setVariable("reminderDueAt", deadlines.after(CaseVariables.text(execution, "updateInterval"),
                    CaseVariables.text(execution, "plan")));
            execution.setVariable("remindersLeft", properties.maxReminders());
        }
        try {
            execution.getProcessEngineServices().getRuntimeService().createMessageCorrelation(CUSTOMER_ASKED)
                    .processInstanceId(execution.getProcessInstanceId())
                    .setVariable("alreadyWaiting", !newWait)
                    .correlateWithResult();
        } catch (MismatchingMessageCorrelationException notBeingWorkedOn) {
            throw RefusedEntryException.naming("customerQuestion", "the case is no longer being worked on (it was"
                    + " resolved or closed), so it cannot wait for the customer's answer. Answer the customer"
                    + " instead.");
        }
    }
}
