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
import org.h2.mvstore.RandomAccessStore;
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

    /** Often enough that each round moves a little and holds H2's store lock (commits wait on it) only briefly. */
    static final long INTERVAL_MILLIS = 200;
    /** Rewrite only while the chunks hold less live data than this share (H2's background writer: 90). */
    static final int TARGET_FILL_RATE = 90;
    /** Bytes of live pages moved per round, at most. */
    static final int WRITE_LIMIT = 4 * 1024 * 1024;
    /** Below this share of the file in use, move chunks towards its start so that the file can shrink. */
    static final int SHRINK_BELOW_FILL_RATE = 50;

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
            rounds.shutdownNow();
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

    /** One round: rewrite the sparsest old chunks, and move chunks when the file is mostly empty space. */
    void compactOnce() {
        try (Connection connection = dataSource.getConnection()) {
            fileStoreOf(connection).ifPresent(store -> {
                store.compact(TARGET_FILL_RATE, WRITE_LIMIT);
                if (store.getFillRate() < SHRINK_BELOW_FILL_RATE && store.getFileStore() instanceof RandomAccessStore file) {
                    file.compactMoveChunks(SHRINK_BELOW_FILL_RATE, 2L * WRITE_LIMIT, store);
                }
            });
            failing = false;
        } catch (SQLException | RuntimeException failure) {
            // One warning per run of failures: the rounds come five times a second.
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
