package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmbeddedDatabaseCompaction} on H2 files with {@code WRITE_DELAY=0}, as in application.yaml: a chunk per
 * commit, and no background writer to rewrite the chunks that later commits leave mostly dead. H2's retention time
 * (45 s before a dead chunk's space is reused) is set to 0 here, so that a few hundred commits show what hours of a
 * demo do; the app keeps H2's default.
 */
class EmbeddedDatabaseCompactionTest {

    private static final int COMMITS = 400;
    private static final int COMMITS_PER_ROUND = 20;

    @TempDir
    Path directory;

    @Test
    void theFileOfTheSameCommitsStaysAFractionOfTheSizeWithCompactionRounds() throws Exception {
        long without = fileAfterCommits("without", false);
        long with = fileAfterCommits("with", true);

        assertThat(with).isLessThan(without / 2);
    }

    @Test
    void anInMemoryDatabaseIsLeftAlone() throws SQLException {
        JdbcDataSource memory = dataSource("jdbc:h2:mem:compaction-test;DB_CLOSE_DELAY=-1");
        EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(memory);

        compaction.start();

        assertThat(compaction.isRunning()).isFalse();
    }

    @Test
    void aFileDatabaseIsCompactedUntilTheAppStops() throws SQLException {
        JdbcDataSource file = dataSource(urlOf("running"));
        EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(file);
        try (Connection keepOpen = file.getConnection()) {
            compaction.start();
            assertThat(compaction.isRunning()).isTrue();

            compaction.stop();
            assertThat(compaction.isRunning()).isFalse();
        }
    }

    /** Case-like commits: a row inserted with its history, runtime rows updated, a row of a closed case deleted. */
    private long fileAfterCommits(String name, boolean compacting) throws Exception {
        JdbcDataSource source = dataSource(urlOf(name));
        EmbeddedDatabaseCompaction compaction = new EmbeddedDatabaseCompaction(source);
        try (Connection connection = source.getConnection()) {
            MVStore store = EmbeddedDatabaseCompaction.fileStoreOf(connection).orElseThrow();
            store.setRetentionTime(0);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE runtime_row (id INT PRIMARY KEY, state VARCHAR(200))");
                ddl.execute("CREATE TABLE history_row (id INT PRIMARY KEY, runtime_id INT, text VARCHAR(200))");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runtime_row VALUES (?, ?)");
                 PreparedStatement history = connection.prepareStatement("INSERT INTO history_row VALUES (?, ?, ?)");
                 PreparedStatement update = connection.prepareStatement(
                         "UPDATE runtime_row SET state = ? WHERE id >= ? AND id < ?");
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM runtime_row WHERE id = ?")) {
                for (int commit = 1; commit <= COMMITS; commit++) {
                    insert.setInt(1, commit);
                    insert.setString(2, "opened " + "x".repeat(150));
                    insert.executeUpdate();
                    history.setInt(1, commit);
                    history.setInt(2, commit);
                    history.setString(3, "case " + commit + " opened " + "y".repeat(150));
                    history.executeUpdate();
                    update.setString(1, "worked at commit " + commit + " " + "z".repeat(150));
                    update.setInt(2, commit - 10);
                    update.setInt(3, commit);
                    update.executeUpdate();
                    if (commit % 2 == 0) {
                        delete.setInt(1, commit - 20);
                        delete.executeUpdate();
                    }
                    connection.commit();
                    if (compacting && commit % COMMITS_PER_ROUND == 0) {
                        compaction.compactOnce();
                    }
                }
            }
            return Files.size(directory.resolve(name + ".mv.db"));
        }
    }

    private String urlOf(String name) {
        return "jdbc:h2:file:" + directory.resolve(name) + ";WRITE_DELAY=0";
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser("sa");
        return source;
    }
}
