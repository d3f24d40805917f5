package com.followthrough.promise;

import com.followthrough.RefusedEntryException;

/** A promise that cannot be made as entered; the message says which field and why. */
public class InvalidPromiseException extends RefusedEntryException {

    public InvalidPromiseException(String field, String message) {
        super(field, message);
    }
}
