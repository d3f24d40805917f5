package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.DatabaseTables;
import com.followthrough.vocabulary.Processes;

/**
 * Promises nobody keeps are broken (docs/analysts.md, "Repaired records"). Before 84e99c8 "No answer from the
 * customer" could end the running KeepPromise of a case while a callback was owed: its {@code ft_promise} row stayed
 * OPEN for ever, with no callback task and no timer behind it, and the insights counted it as a promise still open.
 * Such a promise was neither kept nor given a new time: it is broken when its KeepPromise ended
 * ({@code ACT_HI_PROCINST.END_TIME_}; at its due time if the history cleanup removed that), held by the assignee of its
 * last callback task, as {@code Promises.breakPromise} records a promise whose time passed.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no engine tables
 * to read, and no promise either. A row counts only if its KeepPromise is neither running ({@code ACT_RU_EXECUTION},
 * the instance's own execution) nor started and unfinished in the history: the engine writes both in the transaction
 * that records the promise, so a promise whose KeepPromise is being started is never taken for one nobody keeps.
 */
public class V16_5__Promises_nobody_keeps_are_broken extends BaseJavaMigration {

    static final String BREAK = """
            UPDATE ft_promise SET status = 'BROKEN',
                broken_at = COALESCE((SELECT CAST(h.END_TIME_ AS TIMESTAMP WITH TIME ZONE) FROM ACT_HI_PROCINST h
                    WHERE h.ID_ = ft_promise.process_instance_id), due_at),
                broken_holder = (SELECT t.ASSIGNEE_ FROM ACT_HI_TASKINST t
                    WHERE t.PROC_INST_ID_ = ft_promise.process_instance_id AND t.ASSIGNEE_ IS NOT NULL
                      AND t.TASK_DEF_KEY_ IN (%s)
                    ORDER BY t.START_TIME_ DESC FETCH FIRST 1 ROWS ONLY)
            WHERE status = 'OPEN' AND fulfilled_at IS NULL AND process_instance_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.ID_ = ft_promise.process_instance_id)
              AND NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST h
                  WHERE h.ID_ = ft_promise.process_instance_id AND h.END_TIME_ IS NULL)
            """.formatted(Processes.CALLBACK_TASKS.stream().map(key -> "'" + key + "'")
            .collect(Collectors.joining(", ")));

    @Override
    public void migrate(Context context) throws SQLException {
        breakPromisesNobodyKeeps(context.getConnection());
    }

    /** The promises it recorded broken; none on a database without the engine's tables. */
    public static int breakPromisesNobodyKeeps(Connection connection) throws SQLException {
        if (!DatabaseTables.allExist(connection, "ACT_RU_EXECUTION", "ACT_HI_PROCINST", "ACT_HI_TASKINST")) {
            return 0;
        }
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(BREAK);
        }
    }
}
