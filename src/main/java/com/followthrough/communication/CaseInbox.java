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
    public static final String CUSTOMER_REPLIED_TO_RESOLUTION = "Message_CustomerRepliedToResolution";
    /** Ends "Wait for the customer": the customer answered the question we asked, so the resolution clock runs again. */
    public static final String CUSTOMER_ANSWERED_QUESTION = "Message_CustomerAnsweredQuestion";

    private final RuntimeService runtimeService;
    private final CaseSerializer serializer;

    public CaseInbox(RuntimeService runtimeService, CaseSerializer serializer) {
        this.runtimeService = runtimeService;
        this.serializer = serializer;
    }

    /**
     * A case waiting for the customer's answer to our question starts its resolution clock again. A resolved case waiting to close takes the message as a reply to the solution (the owner decides on it and the
     * quiet period ends); at any other stage it is answered by the "Customer wrote in" event subprocess.
     */
    public void customerWroteIn(String caseReference, String text, String channel) {
        Map<String, Object> message = Map.of("inboundText", text, "inboundChannel", channel);
        serializer.run(caseReference, () -> {
            // A case waiting for the customer's answer takes any message as that answer (the owner reads it on the
            // answer task below, the same way as every message).
            runtimeService.createMessageCorrelation(CUSTOMER_ANSWERED_QUESTION)
                    .processInstanceBusinessKey(caseReference)
                    .correlateAllWithResult();
            var replies = runtimeService.createMessageCorrelation(CUSTOMER_REPLIED_TO_RESOLUTION)
                    .processInstanceBusinessKey(caseReference)
                    .setVariables(message)
                    .correlateAllWithResult();
            return replies.isEmpty()
                    ? runtimeService.createMessageCorrelation(CUSTOMER_WROTE_IN)
                            .processInstanceBusinessKey(caseReference)
                            .setVariables(message)
                            .correlateWithResult()
                    : replies.get(0);
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

    /** What became of a customer's confirmation or request to reopen. */
    public enum Outcome {
        /** The resolved case was waiting for exactly this: it closes, or goes back to work. */
        TAKEN,
        /** The case was not waiting for it: it is attached as a message, which a person answers or decides on. */
        ATTACHED
    }

    /**
     * The customer confirms the solution (the integrator's {@code POST /api/cases/{reference}/confirmation}): closes
     * a resolved case that waits for it; at any other stage it reaches the owner as a message, never lost.
     */
    public Outcome customerConfirms(String caseReference, String note) {
        var taken = serializer.run(caseReference, () -> runtimeService.createMessageCorrelation(RESOLUTION_CONFIRMED)
                .processInstanceBusinessKey(caseReference)
                .correlateAllWithResult());
        if (!taken.isEmpty()) {
            return Outcome.TAKEN;
        }
        customerWroteIn(caseReference, note.isBlank() ? "The customer confirms the problem is solved." : note, "web");
        return Outcome.ATTACHED;
    }

    /** The customer asks to reopen ({@code POST /api/cases/{reference}/reopening}); like {@link #customerConfirms}. */
    public Outcome customerAsksToReopen(String caseReference, String reason) {
        var taken = serializer.run(caseReference, () -> runtimeService.createMessageCorrelation(CASE_REOPENED)
                .processInstanceBusinessKey(caseReference)
                .setVariable("reopenReason", reason)
                .correlateAllWithResult());
        if (!taken.isEmpty()) {
            return Outcome.TAKEN;
        }
        customerWroteIn(caseReference, "The customer asks to reopen the case: " + reason, "web");
        return Outcome.ATTACHED;
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
