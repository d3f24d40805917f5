package com.followthrough.intake;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;

/** A case cannot be opened with these start variables; the message names every field that is wrong. */
public class InvalidCaseException extends ProcessEngineException {

    private final List<String> problems;

    public InvalidCaseException(List<String> problems) {
        super("The case cannot be opened: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
