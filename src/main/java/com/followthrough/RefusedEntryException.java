package com.followthrough;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * What a person entered in a task form is refused, and the message says why and what to do instead. It is a form
 * field validation failure for the engine, so Camunda's REST API answers {@code 400 Bad Request} with this message
 * ({@code POST /engine-rest/task/{id}/complete} and {@code .../submit-form}), which Tasklist shows as it is; any other
 * exception would be a {@code 500}, an error of ours rather than of the entry.
 */
public class RefusedEntryException extends FormFieldValidationException {

    public RefusedEntryException(String message) {
        super(null, message);
    }
}
