package com.followthrough;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading case variables the way forms and the API hand them over: possibly missing, possibly padded. */
public final class CaseVariables {

    private CaseVariables() {
    }

    /** The variable as trimmed text, or "" when it is not set. */
    public static String text(VariableScope variables, String name) {
        return asText(variables.getVariable(name));
    }

    /** The same for variables not yet on a case, e.g. the start variables of a request. */
    public static String text(Map<String, ?> variables, String name) {
        return asText(variables.get(name));
    }

    /**
     * The process at the top of the call chain: the support case, or the customer feedback after it closed (a callback
     * runs in a KeepPromise that either calls).
     */
    public static DelegateExecution topProcess(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance;
    }

    private static String asText(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
