package com.followthrough.intake;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;

/** A case cannot be opened with these start variables; the message names every field that is wrong. */
public class InvalidCaseException extends ProcessEngineException {

    private final List<CaseStart.Problem> problems;

    public InvalidCaseException(List<CaseStart.Problem> problems) {
        super("The case cannot be opened: " + String.join("; ", problems.stream().map(CaseStart.Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<CaseStart.Problem> problems() {
        return problems;
    }
}
