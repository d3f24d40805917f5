package com.followthrough;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * A refused entry is the person's mistake, not the server's, so it is logged in one INFO line without a stack trace.
 * The engine's command context logs every failed command as {@code ERROR ENGINE-16004} with the whole trace (some 120
 * lines per refused form); this filter replaces that one event by the INFO line, and only when a
 * {@link RefusedEntryException} caused it: every other failure of a command still logs as the engine logs it.
 */
@Component
public class RefusalsLogOneLine extends TurboFilter {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(RefusalsLogOneLine.class);

    /** The engine's command context logger, which reports what failed a command (ENGINE-16004). */
    static final String ENGINE_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

    public RefusalsLogOneLine() {
        setName("refusals log one line");
        ILoggerFactory loggers = LoggerFactory.getILoggerFactory();
        if (loggers instanceof LoggerContext logback
                && logback.getTurboFilterList().stream().noneMatch(RefusalsLogOneLine.class::isInstance)) {
            logback.addTurboFilter(this);
            start();
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !ENGINE_CONTEXT_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        // The engine's loggers pass the exception as the last parameter rather than as the throwable.
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        RefusedEntryException refusal = RefusalsReachTheCaller.refusalIn(thrown);
        if (refusal == null) {
            return FilterReply.NEUTRAL;
        }
        // The engine asks whether to log before it logs: say it once, here, and let its event go.
        if (level.isGreaterOrEqual(Level.INFO)) {
            log.info("Refused entry: {}", refusal.getMessage());
        }
        return FilterReply.DENY;
    }
}
