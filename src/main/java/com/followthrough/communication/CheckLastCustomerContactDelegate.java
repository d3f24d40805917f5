package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.servicelevel.ProgressUpdates;

/**
 * "Check when the customer last heard from us": a progress update is due only if no message went out to the
 * customer within the case's update interval, counted on the plan's business calendar ("DON'T say/write nothing"),
 * and the case does not wait on the customer's answer: then the question's reminders are the news, and an update
 * saying "we are working on your case" would contradict them ({@link ProgressUpdates#waitsOnCustomer}).
 */
@Component("checkLastCustomerContact")
public class CheckLastCustomerContactDelegate implements JavaDelegate {

    /** The check's answer, for the gateway after it; the send step sets it false if it finds the update overtaken. */
    static final String PROGRESS_UPDATE_DUE = "progressUpdateDue";

    private final ProgressUpdates progressUpdates;

    public CheckLastCustomerContactDelegate(ProgressUpdates progressUpdates) {
        this.progressUpdates = progressUpdates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(PROGRESS_UPDATE_DUE, progressUpdates.dueNow(execution));
    }
}
