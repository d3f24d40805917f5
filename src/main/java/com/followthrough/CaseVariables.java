package com.followthrough;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reading case variables the way forms and the API hand them over: possibly missing, possibly padded. */
public final class CaseVariables {

    private CaseVariables() {
    }

    /** The variable as trimmed text, or "" when it is not set. */
    public static String text(VariableScope variables, String name) {
        Object value = variables.getVariable(name);
        return value == null ? "" : value.toString().trim();
    }
}
