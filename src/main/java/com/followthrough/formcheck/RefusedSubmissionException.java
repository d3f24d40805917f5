package com.followthrough.formcheck;

import java.util.List;
import java.util.stream.Collectors;

import com.followthrough.RefusedEntryException;

/**
 * A task submission (or a start) that does not meet its deployed form: every field at fault, each with what is
 * wrong. As a {@link RefusedEntryException}, Camunda's REST API answers {@code 400} with this message and Tasklist
 * shows it.
 */
public class RefusedSubmissionException extends RefusedEntryException {

    private final transient List<FieldProblem> problems;

    /** @param outcome what did not happen: "Not saved" (a task's form), "Not started" (a start form) */
    RefusedSubmissionException(String outcome, List<FieldProblem> problems) {
        super(outcome + ". Please correct: " + problems.stream()
                .map(FieldProblem::toString).collect(Collectors.joining("; ")),
                problems.stream().map(p -> new FieldError(p.field(), p.toString())).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** {@code "Where does the case stand?" (diagnosisOutcome) must be one of [...], not 'waitForCustomer'}. */
    public record FieldProblem(String field, String named, String problem) {

        @Override
        public String toString() {
            return named + " " + problem;
        }
    }
}
