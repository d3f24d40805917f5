package com.followthrough.servicelevel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * The word from the owner that a customer told of a specialist awaits ({@link CaseVariable#OWNER_CONTACT_OWED}, owed
 * once specialistJoining is sent): given by any personal contact ({@link FirstPersonalContact}), and by the owner's
 * promise of a callback, which the customer has in writing at once, and by the solution in writing (this listener, on
 * "Promise a callback" and "Resolve the problem" completed). Once it is given, supervisors making sure of it are done:
 * {@value #OWNER_REACHED_CUSTOMER} ends "Make sure the customer hears from the owner" and the administrators' step
 * above it. While it is owed, a case waiting on the customer's answer does not close for lack of one
 * (Gateway_CallbackOwed): the word is the next contact.
 */
@Component("ownerContact")
public class OwnerContact implements TaskListener {

    /** Correlated to the case; caught by the boundary "Owner reached the customer". */
    public static final String OWNER_REACHED_CUSTOMER = "Message_OwnerReachedCustomer";

    @Override
    public void notify(DelegateTask promise) {
        given(FirstPersonalContact.supportCase(promise.getExecution()));
    }

    /** Clears the word owed, if it was: a case that owes none gets no variable and no correlation. */
    static void given(DelegateExecution supportCase) {
        if (Boolean.TRUE.equals(CaseVariable.OWNER_CONTACT_OWED.get(supportCase))) {
            CaseVariable.OWNER_CONTACT_OWED.set(supportCase, false);
            // A case on a version without the boundary, or not making sure, has no subscription: nothing happens.
            supportCase.getProcessEngineServices().getRuntimeService().createMessageCorrelation(OWNER_REACHED_CUSTOMER)
                    .processInstanceId(supportCase.getProcessInstanceId()).correlateAll();
        }
    }
}
