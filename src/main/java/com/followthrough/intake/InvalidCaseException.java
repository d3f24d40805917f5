package com.followthrough.intake;

import java.util.List;

import com.followthrough.RefusedEntryException;

/**
 * A case cannot be opened with these start variables; the message names every field that is wrong. A refused entry:
 * whoever started the case over REST gets {@code 400}, not an error of ours.
 */
public class InvalidCaseException extends RefusedEntryException {

    private final List<CaseStart.Problem> problems;

    public InvalidCaseException(List<CaseStart.Problem> problems) {
        super("The case cannot be opened: "
                + String.join("; ", problems.stream().map(CaseStart.Problem::toString).toList()),
                problems.stream().map(p -> new FieldError(p.variable(), p.toString())).toList());
        this.problems = List.copyOf(problems);
    }

    public List<CaseStart.Problem> problems() {
        return problems;
    }
}
