package com.followthrough.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.vocabulary.CaseVariable;

/**
 * The first response the acknowledgment promises is a person speaking to the customer (issue 12, item 7): a
 * conversation recorded in "Listen to the customer", an answer to the customer's message, a callback that reached
 * them, or the supervisor's first response. Completing an internal form alone is not one.
 *
 * <p>The case keeps two variables: {@code firstRespondedAt}, the moment of the first personal contact (the guarantee
 * check and the insights measure it), and {@code firstResponseState}, which the gateway "First response still owed?"
 * reads: {@value #OWED} (the agent listened without reaching the customer), {@value #ESCALATED} (a supervisor has
 * "Give the customer a first response") or {@value #GIVEN}. So the first-response escalation comes once, whether it
 * fires while the case waits to be heard or after an agent listened without reaching anyone. When someone else
 * speaks to the customer while the supervisors hold the first response, their task ends
 * ({@value #GIVEN_ELSEWHERE}): nobody is asked to contact a customer who has just been contacted.
 */
@Component("firstPersonalContact")
public class FirstPersonalContact implements TaskListener {

    /**
     * The case variable the gateway "First response still owed?" reads. Kept without history
     * ({@code TaskContextHistory}): it is the case's working state, which its history already tells (the moment of
     * contact in {@code firstRespondedAt}, the supervisor's task in the activity history), and nobody reads it there.
     */
    public static final String STATE = "firstResponseState";
    public static final String OWED = "owed";
    public static final String ESCALATED = "escalated";
    public static final String GIVEN = "given";

    /** Ends "Supervisors give the first response" (its message boundary) when someone else made the contact. */
    public static final String GIVEN_ELSEWHERE = "Message_FirstResponseGivenElsewhere";

    /** The supervisors' own first response: its completion leaves their sub-process by its end, not the boundary. */
    static final String SUPERVISORS_FIRST_RESPONSE = "Task_GiveFirstResponse";

    private final EngineClock clock;

    public FirstPersonalContact(EngineClock clock) {
        this.clock = clock;
    }

    /**
     * On a task whose completion is a personal contact ({@code complete}), or that escalates the first response
     * ({@code create}). A callback (a task of the KeepPromise the case called) is a contact only if it reached the
     * customer: its own {@code callbackOutcome}, fresh in that KeepPromise, is not {@code notReached}.
     */
    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            escalated(task.getExecution());
        } else if (task.getExecution().getProcessInstance().getSuperExecution() == null
                || !"notReached".equals(CaseVariables.text(task, "callbackOutcome"))) {
            made(task.getExecution(), SUPERVISORS_FIRST_RESPONSE.equals(task.getTaskDefinitionKey()));
        }
    }

    /** "Listen to the customer" completed: a first response only if the agent spoke to the customer. */
    public void listened(DelegateTask task, boolean spokeToCustomer) {
        DelegateExecution supportCase = supportCase(task.getExecution());
        if (spokeToCustomer) {
            made(supportCase);
        } else if (supportCase.getVariable(STATE) == null) {
            supportCase.setVariable(STATE, OWED);
        }
    }

    /**
     * A person made contact now: the first personal contact, unless there was one before; and the word from the owner
     * a customer told of a specialist awaits ({@link OwnerContact}), whoever spoke to them.
     */
    public void made(DelegateExecution execution) {
        made(execution, false);
    }

    private void made(DelegateExecution execution, boolean bySupervisorsFirstResponse) {
        DelegateExecution supportCase = supportCase(execution);
        OwnerContact.given(supportCase);
        if (!promisedAFirstResponse(supportCase)) {
            return;
        }
        if (CaseVariable.FIRST_RESPONDED_AT.get(supportCase) == null) {
            CaseVariable.FIRST_RESPONDED_AT.set(supportCase, clock.nowAsDate());
        }
        boolean withTheSupervisors = ESCALATED.equals(supportCase.getVariable(STATE));
        supportCase.setVariable(STATE, GIVEN);
        if (withTheSupervisors && !bySupervisorsFirstResponse) {
            correlate(supportCase, GIVEN_ELSEWHERE);
        }
    }

    /** A case on a version without the boundary has no subscription: nothing to correlate, nothing thrown. */
    private static void correlate(DelegateExecution supportCase, String message) {
        supportCase.getProcessEngineServices().getRuntimeService().createMessageCorrelation(message)
                .processInstanceId(supportCase.getProcessInstanceId()).correlateAll();
    }

    private void escalated(DelegateExecution execution) {
        DelegateExecution supportCase = supportCase(execution);
        if (!GIVEN.equals(supportCase.getVariable(STATE))) {
            supportCase.setVariable(STATE, ESCALATED);
        }
    }

    /**
     * Only a case whose acknowledgment promised a first response ({@code firstResponseDueAt}) keeps one: a callback
     * promised in a process that is not a case (say, on a last-chance call) is no case's first response.
     */
    private static boolean promisedAFirstResponse(DelegateExecution supportCase) {
        return CaseVariable.FIRST_RESPONSE_DUE_AT.get(supportCase) != null;
    }

    /** The SupportCase instance: a callback runs in a KeepPromise called by it. */
    static DelegateExecution supportCase(DelegateExecution execution) {
        return CaseVariables.topProcess(execution);
    }
}
