package com.followthrough.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/** A request body read through a check (its size, its encoding); the stream's state is the body's own. */
abstract class WatchedBody extends ServletInputStream {

    protected final ServletInputStream body;

    WatchedBody(ServletInputStream body) {
        this.body = body;
    }

    @Override
    public boolean isFinished() {
        return body.isFinished();
    }

    @Override
    public boolean isReady() {
        return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        body.setReadListener(listener);
    }
}
