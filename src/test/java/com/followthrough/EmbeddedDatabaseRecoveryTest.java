package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.followthrough.intake.CaseReferences;

/**
 * After a {@code kill -9}, H2 2.3.232 can open its file with an identity column's next value at or below ids its
 * table already holds ({@link EmbeddedDatabaseRecovery}). This test leaves the ids and the case reference sequence
 * behind the rows the way such a restart does, starts the schema again as the app does, and inserts what a case
 * inserts.
 */
class EmbeddedDatabaseRecoveryTest {

    @TempDir
    Path directory;

    @Test
    void afterARestartBehindTheRowsTheNextMessagePromiseAndReferenceAreNew() throws SQLException {
        String url = fileUrl("follow-through");
        migrate(url);
        onDatabase(url, sql -> {
            for (int row = 1; row <= 3; row++) {
                insertMessage(sql);
                insertPromise(sql);
            }
            sql.execute("SELECT NEXT VALUE FOR ft_case_reference_seq");
            insertCaseFact(sql, "SC-2026-000007");
            // What H2 did after the kill: the generators are back where they were before these rows.
            sql.execute("ALTER TABLE ft_customer_message ALTER COLUMN id RESTART WITH 1");
            sql.execute("ALTER TABLE ft_promise ALTER COLUMN id RESTART WITH 2");
            sql.execute("ALTER SEQUENCE ft_case_reference_seq RESTART WITH 1");
            sql.execute("SHUTDOWN");
        });

        migrate(url);

        onDatabase(url, sql -> {
            assertThat(insertMessage(sql)).as("the next message's id").isEqualTo(4);
            assertThat(insertPromise(sql)).as("the next promise's id").isEqualTo(4);
            assertThat(single(sql, "SELECT NEXT VALUE FOR ft_case_reference_seq"))
                    .as("the next case reference's number").isEqualTo(8);
        });
    }

    @Test
    void generatorsAheadOfTheRowsAreLeftWhereTheyAre() throws SQLException {
        String url = fileUrl("clean");
        migrate(url);
        onDatabase(url, sql -> {
            insertMessage(sql);
            sql.execute("ALTER TABLE ft_customer_message ALTER COLUMN id RESTART WITH 50");
            sql.execute("ALTER SEQUENCE ft_case_reference_seq RESTART WITH 40");
            insertCaseFact(sql, "SC-2026-000012");
            sql.execute("SHUTDOWN");
        });

        migrate(url);

        onDatabase(url, sql -> {
            assertThat(insertMessage(sql)).isEqualTo(50);
            assertThat(single(sql, "SELECT NEXT VALUE FOR ft_case_reference_seq")).isEqualTo(40);
        });
    }

    /**
     * Tests (and only tests) set the engine clock back, so a later case can have an earlier year: the greatest
     * reference is then not the one with the greatest number. Seen in the build: the next reference was one taken.
     */
    @Test
    void theNextReferenceIsAboveTheHighestNumberOfEveryYear() throws SQLException {
        String url = fileUrl("years");
        migrate(url);
        onDatabase(url, sql -> {
            insertCaseFact(sql, "SC-2027-000005");
            insertCaseFact(sql, "SC-2026-000009");
            insertCaseFact(sql, "SC-2025-000003");
            insertMessage(sql, "SC-2024-000011");
            insertMessage(sql, "not-a-reference");
            sql.execute("SHUTDOWN");
        });

        migrate(url);

        onDatabase(url, sql -> {
            assertThat(single(sql, "SELECT NEXT VALUE FOR ft_case_reference_seq")).isEqualTo(12);
        });
    }

    private interface SqlWork {
        void on(Statement sql) throws SQLException;
    }

    /** One connection to the file, as the app's user. */
    private static void onDatabase(String url, SqlWork work) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "followthrough", "");
             Statement sql = connection.createStatement()) {
            work.on(sql);
        }
    }

    private String fileUrl(String name) {
        return "jdbc:h2:file:" + directory.resolve(name) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The app's start: Flyway with the app's schema history table and the recovery with the case references. */
    private static void migrate(String url) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL(url);
        database.setUser("followthrough");
        EmbeddedDatabaseRecovery recovery = new EmbeddedDatabaseRecovery(
                List.of(new CaseReferences(database, new EngineClock())));
        Flyway.configure().dataSource(database).table("ft_schema_history").locations("classpath:db/migration")
                .callbacks(recovery).load().migrate();
    }

    private static long insertMessage(Statement sql) throws SQLException {
        return insertMessage(sql, "SC-2026-000001");
    }

    private static long insertMessage(Statement sql, String reference) throws SQLException {
        sql.executeUpdate("""
                INSERT INTO ft_customer_message (case_reference, direction, kind, channel, language, subject, body,
                                                 created_at, delivery_status)
                VALUES ('%s', 'OUTBOUND', 'ACKNOWLEDGMENT', 'email', 'en', 'Received', 'Thank you',
                        CURRENT_TIMESTAMP, 'PENDING')
                """.formatted(reference), Statement.RETURN_GENERATED_KEYS);
        return generatedId(sql);
    }

    private static long insertPromise(Statement sql) throws SQLException {
        sql.executeUpdate("""
                INSERT INTO ft_promise (case_reference, made_by, made_at, due_at, next_actions, callback_number, status)
                VALUES ('SC-2026-000001', 'anna', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'Call back', '+1 555 0100', 'OPEN')
                """, Statement.RETURN_GENERATED_KEYS);
        return generatedId(sql);
    }

    private static void insertCaseFact(Statement sql, String reference) throws SQLException {
        sql.executeUpdate("""
                INSERT INTO ft_case_fact (process_instance_id, case_reference, process_definition_id,
                                          process_definition_version, opened_at, stage)
                VALUES ('%s', '%s', 'SupportCase:1:1', 1, CURRENT_TIMESTAMP, 'listen')
                """.formatted("instance-" + reference, reference));
    }

    private static long generatedId(Statement sql) throws SQLException {
        return firstLong(sql.getGeneratedKeys());
    }

    private static long single(Statement sql, String query) throws SQLException {
        return firstLong(sql.executeQuery(query));
    }

    private static long firstLong(ResultSet rows) throws SQLException {
        try (rows) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
