package com.followthrough.waiting;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.stereotype.Component;

import com.followthrough.communication.CaseInbox;

/**
 * What a promised call does to "Wait for the customer" in the case that made the promise (the message throw events of
 * KeepPromise). Every time we speak to the customer on the phone is their answer: a call that reached them
 * ({@code Event_CustomerAnsweredOnCall}), their own call while we waited to call again
 * ({@code Event_CustomerAnsweredOnTheirCall}), and a supervisor who reached them and agreed a new time
 * ({@code Event_CustomerAnsweredSupervisor}, {@code …OnRetry}). After every call ended
 * in a voicemail and the team lead chose "write and close", the customer has read that the solution comes in writing
 * ({@code Event_WrittenSolutionPromised}). Either way the case stops waiting: no reminder of the question, no closing
 * for lack of an answer that would take the owner's next step away. A case that does not wait (a last-chance call,
 * the case closed) takes nothing. The supervisor's first response is such a call too, when it reached the customer
 * by phone ({@code EndEvent_FirstResponseByPhone} in the case itself).
 */
@Component("callEndsTheWait")
public class CallEndsTheWait {

    public static final String SOLUTION_PROMISED_IN_WRITING = "Message_SolutionPromisedInWriting";

    public void customerAnsweredOnCall(DelegateExecution keepPromise) {
        correlate(keepPromise, CaseInbox.CUSTOMER_ANSWERED_QUESTION);
    }

    /**
     * A case still on a version from before "Solution promised in writing" was caught waits only for an answer: its
     * wait ends the same way, so the solution the customer was promised is not closed away there either.
     */
    public void solutionPromisedInWriting(DelegateExecution keepPromise) {
        if (correlate(keepPromise, SOLUTION_PROMISED_IN_WRITING).isEmpty()) {
            correlate(keepPromise, CaseInbox.CUSTOMER_ANSWERED_QUESTION);
        }
    }

    /** "Give the customer a first response" reached the customer by phone: the case stops waiting, if it waits. */
    public void customerAnsweredOnFirstResponse(DelegateExecution supportCase) {
        correlate(supportCase, supportCase.getProcessInstanceId(), CaseInbox.CUSTOMER_ANSWERED_QUESTION);
    }

    private static List<MessageCorrelationResult> correlate(DelegateExecution keepPromise, String message) {
        DelegateExecution caller = keepPromise.getProcessInstance().getSuperExecution();
        if (caller == null) {
            return List.of();
        }
        return correlate(keepPromise, caller.getProcessInstanceId(), message);
    }

    private static List<MessageCorrelationResult> correlate(DelegateExecution from, String caseId, String message) {
        return from.getProcessEngineServices().getRuntimeService().createMessageCorrelation(message)
                .processInstanceId(caseId)
                .correlateAllWithResult();
    }
}
