package com.followthrough;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work done on another thread in a transaction that stays open after it, holding its row locks, until another
 * session of the database waits on one of them, and then commits: a timer job or a task completion that is
 * committing at the very moment a request arrives. The request, made while this is open, read what was there before
 * and has to write what this changed: it waits, and then meets the change. A request that writes nothing this wrote
 * does not wait: {@link #close()} commits then, and waits for the commit.
 */
public final class HeldTransaction implements AutoCloseable {

    private static final Duration WAIT_FOR_A_WAITER = Duration.ofSeconds(10);
    private static final Duration STUCK = Duration.ofMillis(300);

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<Boolean> committed;
    private final AtomicBoolean released = new AtomicBoolean();

    private HeldTransaction(PlatformTransactionManager transactions, JdbcClient jdbc, Runnable work,
                            boolean untilClosed) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        CountDownLatch done = new CountDownLatch(1);
        committed = thread.submit(() -> own.execute(status -> {
            try {
                work.run();
            } finally {
                done.countDown();
            }
            return untilClosed ? someoneWaitsUntilClosed(jdbc, released) : someoneWaits(jdbc, released);
        }));
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held work did not finish");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Runs {@code work} now; its transaction commits once another session waits on its locks. */
    public static HeldTransaction of(PlatformTransactionManager transactions, JdbcClient jdbc, Runnable work) {
        return new HeldTransaction(transactions, jdbc, work, false);
    }

    /**
     * Runs {@code work} now and keeps its locks until {@link #close()}, however long another session waits on them:
     * a transaction that holds a case longer than the database waits for a lock (H2: 2 seconds), so the request that
     * waits meets the database's lock timeout, not a change.
     */
    public static HeldTransaction untilClosed(PlatformTransactionManager transactions, JdbcClient jdbc, Runnable work) {
        return new HeldTransaction(transactions, jdbc, work, true);
    }

    /** Waits for the commit; true if another session waited on this transaction's locks meanwhile. */
    public boolean someoneWaited() throws Exception {
        return committed.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        released.set(true);
        try {
            someoneWaited();
        } finally {
            thread.shutdown();
        }
    }

    private static boolean someoneWaits(JdbcClient jdbc, AtomicBoolean released) {
        long until = System.nanoTime() + WAIT_FOR_A_WAITER.toNanos();
        while (System.nanoTime() < until && !released.get()) {
            if (TestPostgres.isTheTestDatabase() ? postgresSessionWaits(jdbc) : h2SessionWaits(jdbc)) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean someoneWaitsUntilClosed(JdbcClient jdbc, AtomicBoolean released) {
        boolean waited = false;
        long until = System.nanoTime() + Duration.ofSeconds(50).toNanos();
        while (System.nanoTime() < until && !released.get()) {
            waited = waited || (TestPostgres.isTheTestDatabase() ? postgresSessionWaits(jdbc) : h2SessionWaits(jdbc));
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return waited;
            }
        }
        return waited;
    }

    /**
     * H2 names the blocker of a session waiting for a row lock, not of one waiting to insert a key another open
     * transaction inserted (a variable's unique name, say): that one is seen as a statement that does not end.
     */
    private static boolean h2SessionWaits(JdbcClient jdbc) {
        Instant stuck = Instant.now().minus(STUCK);
        return jdbc.sql("""
                SELECT BLOCKER_ID, EXECUTING_STATEMENT_START FROM INFORMATION_SCHEMA.SESSIONS
                WHERE SESSION_ID <> SESSION_ID() AND EXECUTING_STATEMENT IS NOT NULL
                """)
                .query((row, n) -> row.getObject("BLOCKER_ID") != null
                        || row.getObject("EXECUTING_STATEMENT_START", OffsetDateTime.class).toInstant().isBefore(stuck))
                .list().contains(true);
    }

    /** PostgreSQL shows a wait for a row lock and one for another transaction's key alike, as a heavyweight lock. */
    private static boolean postgresSessionWaits(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND datname = current_database() AND wait_event_type = 'Lock'
                """).query(Long.class).single() > 0;
    }
}
