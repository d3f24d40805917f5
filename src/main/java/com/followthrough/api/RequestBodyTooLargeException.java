package com.followthrough.api;

import java.io.IOException;

/** Thrown while reading a request body that goes past the limit of {@link RequestBodyLimit}. */
class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
