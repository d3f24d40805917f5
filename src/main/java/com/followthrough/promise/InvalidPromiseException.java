package com.followthrough.promise;

import org.camunda.bpm.engine.ProcessEngineException;

/** A promise that cannot be made as entered; the message says which field and why. */
public class InvalidPromiseException extends ProcessEngineException {

    public InvalidPromiseException(String message) {
        super(message);
    }
}
