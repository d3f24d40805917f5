package com.followthrough;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The process engine's notion of "now". Everything we record (messages, promises, deadlines) uses it,
 * so our rows agree with the engine's timers and history, also when tests move the engine clock.
 */
@Component
public class EngineClock {

    public Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public Date nowAsDate() {
        return Date.from(now());
    }
}
