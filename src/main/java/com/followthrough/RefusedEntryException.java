package com.followthrough;

import java.util.List;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * What a person entered in a task form is refused, and the message says why and what to do instead. It is a form
 * field validation failure for the engine, so Camunda's REST API answers {@code 400 Bad Request} with this message
 * ({@code POST /engine-rest/task/{id}/complete} and {@code .../submit-form}), which Tasklist shows as it is; any other
 * exception would be a {@code 500}, an error of ours rather than of the entry. The variables to change are in
 * {@link #errors()}, which {@link RefusalsOverRest} lists in the body for a program to read.
 */
public class RefusedEntryException extends FormFieldValidationException {

    /** A variable the person must change, e.g. {@code nextActions}, and the refusal's sentence about it. */
    public record FieldError(String field, String message) {
    }

    private final transient List<FieldError> errors;

    /** A refusal that no other value of a variable would lift (who claims or decides, a form not deployed). */
    public RefusedEntryException(String message) {
        this(message, List.of());
    }

    /** A refusal of the value of {@code field}, which the message names, as the person reads it. */
    public RefusedEntryException(String field, String message) {
        this(message, List.of(new FieldError(field, message)));
        // Checked where assertions run (the tests): in production a wording slip must not turn the 400 into a 500.
        assert message.contains(field) : "A refusal of " + field + " must name it: " + message;
    }

    /** The way most refusals read: {@code customerQuestion: write what you need from the customer: ...}. */
    public static RefusedEntryException naming(String field, String reason) {
        return new RefusedEntryException(field, field + ": " + reason);
    }

    protected RefusedEntryException(String message, List<FieldError> errors) {
        super(null, message);
        this.errors = List.copyOf(errors);
    }

    /** The variables to change, each with what is wrong; empty when no value would do. */
    public List<FieldError> errors() {
        return errors == null ? List.of() : errors;
    }
}
