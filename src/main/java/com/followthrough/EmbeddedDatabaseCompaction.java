package com.followthrough;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file near the size of its data while the app runs. {@code WRITE_DELAY=0} (application.yaml:
 * a commit is in the file when it returns) makes H2 write a chunk of pages per commit and start no background
 * writer, and that writer is what rewrites the chunks later commits left mostly dead: without it the file only
 * grows (10.7 GB after 9,000 cases opened in 25 minutes). This does the writer's work on a thread of its own, through
 * the MVStore's own compaction: the live pages of old, sparse chunks go into the next commit's chunk, and H2 reuses a
 * chunk's space once it is dead and its retention time (45 s) has passed. Commits stay as durable as before: H2
 * writes the moved pages the way it writes any commit. Nothing to do on PostgreSQL or on an in-memory H2.
 */
@Component
class EmbeddedDatabaseCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

    /**
     * A round holds H2's store lock, and commits wait for it. Rounds of 4 MB every 200 ms (as H2's own writer does
     * with the default write delay) halved the commits a test driver made; 1 MB a second cost no measurable throughput.
     */
    static final long INTERVAL_MILLIS = 1000;
    /** Rewrite only while the chunks hold less live data than this share (H2's background writer: 90). */
    static final int TARGET_FILL_RATE = 90;
    /** Bytes of live pages moved per round, at most. */
    static final int WRITE_LIMIT = 1024 * 1024;

    private final DataSource dataSource;
    private ScheduledExecutorService rounds;
    private boolean failing;

    EmbeddedDatabaseCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void start() {
        if (!embeddedFile()) {
            return;
        }
        rounds = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "h2-compaction");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(this::compactOnce, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (rounds != null) {
            // Not shutdownNow: an interrupt during H2's file I/O closes its FileChannel, and with it the database.
            rounds.shutdown();
            try {
                rounds.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            rounds = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }

    /**
     * One round: the live pages of the sparsest chunks older than the retention time are marked for rewriting; the next
     * commit writes them, and only then are the old chunks dead. Chunks are not moved to shrink the file (H2's
     * housekeeping can): the space of dead chunks is reused, which bounds the file, and moving overwrites chunks
     * regardless of the retention time.
     */
    void compactOnce() {
        try (Connection connection = dataSource.getConnection()) {
            fileStoreOf(connection).ifPresent(store -> store.compact(TARGET_FILL_RATE, WRITE_LIMIT));
            failing = false;
        } catch (SQLException | RuntimeException failure) {
            // One warning per run of failures, not one a second.
            if (!failing) {
                log.warn("Compacting the H2 file failed; the next rounds try again", failure);
            }
            failing = true;
        }
    }

    private boolean embeddedFile() {
        try (Connection connection = dataSource.getConnection()) {
            return fileStoreOf(connection).isPresent();
        } catch (SQLException failure) {
            log.warn("Could not tell whether the database is an H2 file; it will not be compacted while the app runs", failure);
            return false;
        }
    }

    /**
     * The MVStore behind an embedded H2 file. H2 has no SQL that compacts a database that stays open ({@code SHUTDOWN
     * COMPACT} closes it); the store is reached through the session of the connection.
     */
    static Optional<MVStore> fileStoreOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        return store.isPersistent() ? Optional.of(store) : Optional.empty();
    }
}
