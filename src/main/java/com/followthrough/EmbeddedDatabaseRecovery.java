package com.followthrough;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts H2's id generators back ahead of the rows at every start, before anything writes. After a {@code kill -9}
 * H2 2.3.232 can open its file with an identity column's next value at or below ids its table already holds: the
 * next message or promise would then be refused as a duplicate, until the generator has passed the taken ids one
 * refusal at a time. Seen in {@code AnsweredCasesSurviveACrashIT} (a case retried after the restart was refused) and
 * in a loop that killed a JVM writing from six threads: 7 restarts in 30 came back 3 to 25 ids behind. Every commit
 * is still there (WRITE_DELAY=0); only the generators are behind. The case reference sequence was not seen behind in
 * that loop, but an identity column is an H2 sequence too, so it is put ahead of the cases the same way.
 *
 * <p>A Flyway callback after {@code migrate}, which Spring Boot runs at every start, before the process engine, the
 * web server and the job executor ({@link ProcessEngineDatabaseInitializationDetector}). Nothing to do on
 * PostgreSQL, whose sequences are written to its log before a commit returns.
 */
@Component
public class EmbeddedDatabaseRecovery implements Callback {

    /** A sequence whose numbers are kept in rows (not in an identity column), such as the case references. */
    public interface NumberedBySequence {

        String sequence();

        /** The highest number the rows hold; 0 when there are none. */
        long highestNumberTaken(Connection connection) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseRecovery.class);

    private final List<NumberedBySequence> sequences;

    EmbeddedDatabaseRecovery(List<NumberedBySequence> sequences) {
        this.sequences = sequences;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return getClass().getSimpleName();
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement sql = connection.createStatement()) {
                identityColumnsAheadOfTheirRows(sql);
                for (NumberedBySequence numbered : sequences) {
                    sequenceAheadOfItsRows(sql, numbered);
                }
            }
        } catch (SQLException failure) {
            throw new FlywayException("Could not put the embedded database's id generators ahead of its rows", failure);
        }
    }

    private static void identityColumnsAheadOfTheirRows(Statement sql) throws SQLException {
        for (IdentityColumn identity : identityColumns(sql)) {
            String table = quoted(identity.table());
            String column = quoted(identity.column());
            long highest = single(sql, "SELECT MAX(%s) FROM %s".formatted(column, table));
            if (identity.increment() > 0 && identity.next() <= highest) {
                restart(sql, "ALTER TABLE %s ALTER COLUMN %s".formatted(table, column),
                        identity.table() + "." + identity.column(), identity.next(), highest + identity.increment());
            }
        }
    }

    private static void sequenceAheadOfItsRows(Statement sql, NumberedBySequence numbered) throws SQLException {
        long next = single(sql, """
                SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES
                WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA AND SEQUENCE_NAME = UPPER('%s')
                """.formatted(numbered.sequence()));
        long highest = numbered.highestNumberTaken(sql.getConnection());
        if (next <= highest) {
            restart(sql, "ALTER SEQUENCE " + numbered.sequence(), numbered.sequence(), next, highest + 1);
        }
    }

    private record IdentityColumn(String table, String column, long next, long increment) {
    }

    private static List<IdentityColumn> identityColumns(Statement sql) throws SQLException {
        List<IdentityColumn> columns = new ArrayList<>();
        try (ResultSet identity = sql.executeQuery("""
                SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_BASE, IDENTITY_INCREMENT FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND IS_IDENTITY = 'YES'
                """)) {
            while (identity.next()) {
                columns.add(new IdentityColumn(identity.getString(1), identity.getString(2), identity.getLong(3),
                        identity.getLong(4)));
            }
        }
        return columns;
    }

    private static void restart(Statement sql, String alter, String generator, long was, long next)
            throws SQLException {
        log.warn("The embedded database was not closed cleanly: {} would hand out {}, which is taken; it goes on at {}",
                generator, was, next);
        sql.execute(alter + " RESTART WITH " + next);
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
