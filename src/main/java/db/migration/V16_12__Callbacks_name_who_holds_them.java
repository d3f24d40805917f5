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
 * A callback's promise names who holds the call (docs/analysts.md, "Records from older versions"). Before this
 * version a claim from the team's queue, an unclaim and a reassignment in Tasklist left the promise as it was, and
 * before V16_11 a callback sent to the queue kept naming who held it before: the customer's updates named someone who
 * did not hold the call, or "our support team" while a colleague did. Now {@code PromiseFollowsTheCallback} keeps it
 * current on every assignment; this brings the promises still open to the same state, from their open callback task
 * ({@code ACT_RU_TASK}) in the KeepPromise that keeps them ({@code promiseId}): assigned, it records its assignee
 * unless the promise names them already; unassigned and offered to a group (the queue), it records that group and no
 * person. A callback unassigned and offered to no group is in no queue, and is left as it is.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no engine tables
 * to read, and no promise either.
 */
public class V16_12__Callbacks_name_who_holds_them extends BaseJavaMigration {

    private static final String CALLBACK_TASKS = Processes.CALLBACK_TASKS.stream().map(key -> "'" + key + "'")
            .collect(Collectors.joining(", "));

    private static final String ASSIGNEE = """
            (SELECT MIN(t.ASSIGNEE_) FROM ACT_RU_TASK t
                WHERE t.PROC_INST_ID_ = ft_promise.process_instance_id AND t.TASK_DEF_KEY_ IN (%s))"""
            .formatted(CALLBACK_TASKS);

    private static final String QUEUE = """
            (SELECT MIN(l.GROUP_ID_) FROM ACT_RU_TASK t JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_
                WHERE t.PROC_INST_ID_ = ft_promise.process_instance_id AND t.TASK_DEF_KEY_ IN (%s)
                  AND t.ASSIGNEE_ IS NULL AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL)"""
            .formatted(CALLBACK_TASKS);

    private static final String KEPT_BY_ITS_KEEP_PROMISE = """
            status = 'OPEN' AND fulfilled_at IS NULL
              AND EXISTS (SELECT 1 FROM ACT_RU_VARIABLE v WHERE v.PROC_INST_ID_ = ft_promise.process_instance_id
                  AND v.NAME_ = 'promiseId' AND v.LONG_ = ft_promise.id)""";

    static final String TO_THE_ASSIGNEE = """
            UPDATE ft_promise SET handed_to = %1$s, handed_to_team = NULL
            WHERE %2$s AND %1$s IS NOT NULL
              AND (handed_to_team IS NOT NULL OR COALESCE(handed_to, made_by) <> %1$s)
            """.formatted(ASSIGNEE, KEPT_BY_ITS_KEEP_PROMISE);

    static final String TO_THE_QUEUE = """
            UPDATE ft_promise SET handed_to = NULL, handed_to_team = %1$s
            WHERE %2$s AND %1$s IS NOT NULL AND handed_to_team IS NULL
            """.formatted(QUEUE, KEPT_BY_ITS_KEEP_PROMISE);

    @Override
    public void migrate(Context context) throws SQLException {
        nameWhoHoldsTheCallback(context.getConnection());
    }

    /** The promises it changed; none on a database without the engine's tables. */
    public static int nameWhoHoldsTheCallback(Connection connection) throws SQLException {
        if (!DatabaseTables.allExist(connection, "ACT_RU_TASK", "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE")) {
            return 0;
        }
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(TO_THE_ASSIGNEE) + statement.executeUpdate(TO_THE_QUEUE);
        }
    }
}
