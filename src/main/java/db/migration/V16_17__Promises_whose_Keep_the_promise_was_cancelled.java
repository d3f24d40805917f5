package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.DatabaseTables;

/**
 * Promises whose "Keep the promise" was cancelled alone (docs/analysts.md, "Records from older versions"). Until
 * 7 December 2026 an operator who cancelled only a case's KeepPromise in Cockpit, while the case ran on, left its
 * promise OPEN for ever (a cancelled case's promises were cancelled with it since V16_15): no callback task and no
 * timer behind it, counted in the insights' open promises. Such a promise is cancelled when its KeepPromise was
 * ({@code ACT_HI_PROCINST.END_TIME_}), as {@code cancellation.CancelledCases} cancels one now. Cancelled is what
 * {@code CancelledCases.asRecorded} reads in the history: a delete reason, or externally terminated. Promises whose
 * KeepPromise the history cleanup removed stay as they are.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no history to
 * read.
 */
public class V16_17__Promises_whose_Keep_the_promise_was_cancelled extends BaseJavaMigration {

    static final String CANCEL = """
            UPDATE ft_promise SET status = 'CANCELLED',
                cancelled_at = (SELECT CAST(h.END_TIME_ AS TIMESTAMP WITH TIME ZONE) FROM ACT_HI_PROCINST h
                    WHERE h.ID_ = ft_promise.process_instance_id)
            WHERE status = 'OPEN' AND fulfilled_at IS NULL
              AND EXISTS (SELECT 1 FROM ACT_HI_PROCINST h WHERE h.ID_ = ft_promise.process_instance_id
                  AND h.END_TIME_ IS NOT NULL
                  AND (h.DELETE_REASON_ IS NOT NULL OR h.STATE_ = 'EXTERNALLY_TERMINATED'))
            """;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (DatabaseTables.allExist(connection, "ACT_HI_PROCINST")) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(CANCEL);
            }
        }
    }
}
