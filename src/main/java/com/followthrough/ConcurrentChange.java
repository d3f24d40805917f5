package com.followthrough;

import java.sql.SQLException;
import java.util.Set;

import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * Whether a request failed only because another transaction changed, or was changing, the same rows at the same
 * moment (a colleague, a timer, a customer's message, another node): the database rolled the request back whole, so
 * sending it again is safe. The engine says so with an {@link OptimisticLockingException} when it finds a row changed
 * meanwhile (and for a deadlock); when the other transaction holds the row longer than the database waits for a lock,
 * the engine passes the database's lock timeout on as a plain persistence error, found here by its SQL code.
 */
public final class ConcurrentChange {

    /** H2's "Timeout trying to lock table" (ErrorCode.LOCK_TIMEOUT_1), also for a row another transaction holds. */
    static final int H2_LOCK_TIMEOUT = 50200;
    /** Serialization failure, PostgreSQL's deadlock and lock timeout ({@code lock_timeout}). */
    static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03");

    private ConcurrentChange() {
    }

    /** True when {@code thrown}, or what caused it, is such a clash. */
    public static boolean causedIt(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockingException
                    || cause instanceof SQLException sql && (sql.getErrorCode() == H2_LOCK_TIMEOUT
                            || SQL_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
