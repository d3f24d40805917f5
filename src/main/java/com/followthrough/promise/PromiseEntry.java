package com.followthrough.promise;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.followthrough.CaseVariables;
import com.followthrough.SupportProperties;
import com.followthrough.vocabulary.CaseVariable;

/**
 * A callback promise as the owner entered it in "Promise a callback", checked once for both places that read it: the
 * form step (so a refused promise leaves the task open and nothing recorded) and "Record the promise" (for a promise
 * that reaches KeepPromise another way).
 */
record PromiseEntry(Instant due, String nextActions, String callbackNumber) {

    static PromiseEntry read(VariableScope variables, Instant now, SupportProperties properties) {
        Instant due = CallbackTime.parse(variables.getVariable("callbackAt"), properties.support().timeZone());
        CallbackTime.check(due, now, properties);
        String nextActions = CaseVariables.text(variables, "nextActions");
        if (nextActions.isBlank()) {
            throw new InvalidPromiseException("nextActions", "Say what you will do next (nextActions): the customer"
                    + " gets it in writing, so it cannot be empty or only spaces");
        }
        String callbackNumber = CaseVariable.CALLBACK_NUMBER.text(variables);
        if (callbackNumber.isBlank()) {
            throw new InvalidPromiseException(CaseVariable.CALLBACK_NUMBER.name(), "Enter the number you will call ("
                    + CaseVariable.CALLBACK_NUMBER.name() + "): without it the promise cannot be kept");
        }
        return new PromiseEntry(due, nextActions, callbackNumber);
    }
}
