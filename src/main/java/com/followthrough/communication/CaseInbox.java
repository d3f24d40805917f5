package com.followthrough.communication;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.stereotype.Service;

import com.followthrough.tasklist.TaskPresentation;

/**
 * What the customer sends us, correlated to their case by its reference (the business key). A customer
 * is never turned away: a message reaches the case at whatever stage it is, and a call that no callback
 * is waiting for is attached to the case like a message.
 */
@Service
public class CaseInbox {

    public static final String CUSTOMER_WROTE_IN = "Message_CustomerWroteIn";
    public static final String CUSTOMER_CALLED_IN = "Message_CustomerCalledIn";
    public static final String RESOLUTION_CONFIRMED = "Message_ResolutionConfirmed";
    public static final String CASE_REOPENED = "Message_CaseReopened";

    private final RuntimeService runtimeService;
    private final CaseSerializer serializer;
    private final TaskPresentation tasks;

    public CaseInbox(RuntimeService runtimeService, CaseSerializer serializer, TaskPresentation tasks) {
        this.runtimeService = runtimeService;
        this.serializer = serializer;
        this.tasks = tasks;
    }

    /** Attaches the message to the case; the forms of the case's open tasks then show it among the messages so far. */
    public void customerWroteIn(String caseReference, String text, String channel) {
        serializer.run(caseReference, () -> {
            MessageCorrelationResult result = runtimeService.createMessageCorrelation(CUSTOMER_WROTE_IN)
                    .processInstanceBusinessKey(caseReference)
                    .setVariables(Map.of("inboundText", text, "inboundChannel", channel))
                    .correlateWithResult();
            tasks.refreshOpenTasks(caseReference);
            return result;
        });
    }

    /**
     * The customer called us: ends a callback wait if one is open, else the call is noted on the case.
     * Answers whether a callback wait ended.
     */
    public boolean customerCalledIn(String caseReference, String note) {
        var ended = serializer.run(caseReference, () -> runtimeService.createMessageCorrelation(CUSTOMER_CALLED_IN)
                .processInstanceBusinessKey(caseReference)
                .correlateAllWithResult());
        if (ended.isEmpty()) {
            customerWroteIn(caseReference, note, "phone");
        }
        return !ended.isEmpty();
    }

    public MessageCorrelationResult customerConfirmedResolution(String caseReference) {
        return runtimeService.createMessageCorrelation(RESOLUTION_CONFIRMED)
                .processInstanceBusinessKey(caseReference)
                .correlateWithResult();
    }

    public MessageCorrelationResult customerReopened(String caseReference, String reason) {
        return runtimeService.createMessageCorrelation(CASE_REOPENED)
                .processInstanceBusinessKey(caseReference)
                .setVariable("reopenReason", reason)
                .correlateWithResult();
    }
}
