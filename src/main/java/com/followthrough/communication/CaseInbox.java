package com.followthrough.communication;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.stereotype.Service;

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

    public CaseInbox(RuntimeService runtimeService, CaseSerializer serializer) {
        this.runtimeService = runtimeService;
        this.serializer = serializer;
    }

    public void customerWroteIn(String caseReference, String text, String channel) {
        serializer.run(caseReference, () -> runtimeService.createMessageCorrelation(CUSTOMER_WROTE_IN)
                .processInstanceBusinessKey(caseReference)
                .setVariables(Map.of("inboundText", text, "inboundChannel", channel))
                .correlateWithResult());
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
