package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.DatabaseTables;
import com.followthrough.vocabulary.Processes;
import com.followthrough.organization.TeamQueue;

/**
 * A callback given back before this version, with nobody to hold it and no queue to go to, is offered to its case
 * team's queue (docs/analysts.md, "Records from older versions"). Every callback is created assigned to its caller and
 * offered to no group, so a supervisor's unclaim in Tasklist left it in nobody's list (no assignee, no candidate
 * group) while the customer heard "our support team calls you"; since then {@code PromiseFollowsTheCallback} offers
 * it to the queue {@link TeamQueue} chooses. This does the same for the open callback tasks still in no queue:
 * the candidate group the engine would add ({@code ACT_RU_IDENTITYLINK}), with the grant the engine gives a candidate
 * group on its task ({@code ACT_RU_AUTHORIZATION}: {@code READ} and {@code TASK_WORK}, the
 * {@code defaultUserPermissionNameForTask} of application.yaml), so the team's agents find it in the *Team queue*
 * filter and may claim it; and the promise it keeps names that queue and no person, as the customer's next update
 * then does.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no engine tables
 * to read, and no callback either; and the queue is chosen by the application's rule, not a copy of it.
 */
public class V16_13__Callbacks_in_no_queue_go_to_their_teams extends BaseJavaMigration {

    private static final String CALLBACK_TASKS = Processes.CALLBACK_TASKS.stream().map(key -> "'" + key + "'")
            .collect(Collectors.joining(", "));

    static final String IN_NO_QUEUE = """
            SELECT t.ID_, t.EXECUTION_ID_, t.PROC_INST_ID_, t.TENANT_ID_ FROM ACT_RU_TASK t
            WHERE t.TASK_DEF_KEY_ IN (%s) AND t.ASSIGNEE_ IS NULL
              AND NOT EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK l
                  WHERE l.TASK_ID_ = t.ID_ AND l.TYPE_ = '%s' AND l.GROUP_ID_ IS NOT NULL)
            ORDER BY t.ID_""".formatted(CALLBACK_TASKS, IdentityLinkType.CANDIDATE);

    /** The case's {@code team} as the task reads it: its own execution's, else its process instance's. */
    static final String TEAM = """
            SELECT v.EXECUTION_ID_, v.TEXT_ FROM ACT_RU_VARIABLE v
            WHERE v.PROC_INST_ID_ = ? AND v.NAME_ = 'team' AND v.TASK_ID_ IS NULL AND v.EXECUTION_ID_ IN (?, ?)""";

    static final String OFFER = """
            INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_, TENANT_ID_)
            VALUES (?, 1, ?, '%s', ?, ?)""".formatted(IdentityLinkType.CANDIDATE);

    private static final int TASK_PERMISSIONS = Permissions.READ.getValue() | TaskPermissions.TASK_WORK.getValue();

    static final String GRANTED = """
            SELECT ID_, PERMS_ FROM ACT_RU_AUTHORIZATION
            WHERE TYPE_ = %d AND GROUP_ID_ = ? AND RESOURCE_TYPE_ = %d AND RESOURCE_ID_ = ?"""
            .formatted(Authorization.AUTH_TYPE_GRANT, Resources.TASK.resourceType());

    static final String GRANT_MORE = "UPDATE ACT_RU_AUTHORIZATION SET PERMS_ = ?, REV_ = REV_ + 1 WHERE ID_ = ?";

    static final String GRANT = """
            INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)
            VALUES (?, 1, %d, ?, %d, ?, ?)""".formatted(Authorization.AUTH_TYPE_GRANT, Resources.TASK.resourceType());

    static final String PROMISE_TO_THE_QUEUE = """
            UPDATE ft_promise SET handed_to = NULL, handed_to_team = ?
            WHERE process_instance_id = ? AND status = 'OPEN' AND fulfilled_at IS NULL
              AND id IN (SELECT v.LONG_ FROM ACT_RU_VARIABLE v WHERE v.PROC_INST_ID_ = ? AND v.NAME_ = 'promiseId')""";

    private record InNoQueue(String taskId, String executionId, String processInstanceId, String tenantId) {
    }

    @Override
    public void migrate(Context context) throws SQLException {
        offerToTheirTeamsQueue(context.getConnection());
    }

    /** The callbacks it offered to a queue; none on a database without the engine's tables. */
    public static int offerToTheirTeamsQueue(Connection connection) throws SQLException {
        if (!DatabaseTables.allExist(connection, "ACT_RU_TASK", "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE",
                "ACT_RU_AUTHORIZATION")) {
            return 0;
        }
        List<InNoQueue> callbacks = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(IN_NO_QUEUE);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                callbacks.add(new InNoQueue(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4)));
            }
        }
        for (InNoQueue callback : callbacks) {
            String queue = TeamQueue.of(List.of(), team(connection, callback)).group();
            offer(connection, callback, queue);
            grant(connection, callback.taskId(), queue);
            try (PreparedStatement promise = connection.prepareStatement(PROMISE_TO_THE_QUEUE)) {
                promise.setString(1, queue);
                promise.setString(2, callback.processInstanceId());
                promise.setString(3, callback.processInstanceId());
                promise.executeUpdate();
            }
        }
        return callbacks.size();
    }

    private static String team(Connection connection, InNoQueue callback) throws SQLException {
        String ofTheInstance = null;
        try (PreparedStatement query = connection.prepareStatement(TEAM)) {
            query.setString(1, callback.processInstanceId());
            query.setString(2, callback.executionId());
            query.setString(3, callback.processInstanceId());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(1).equals(callback.executionId())) {
                        return rows.getString(2);
                    }
                    ofTheInstance = rows.getString(2);
                }
            }
        }
        return ofTheInstance;
    }

    private static void offer(Connection connection, InNoQueue callback, String queue) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OFFER)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, queue);
            insert.setString(3, callback.taskId());
            insert.setString(4, callback.tenantId());
            insert.executeUpdate();
        }
    }

    /** The candidate group's grant on the task, added to one it holds already. */
    private static void grant(Connection connection, String taskId, String queue) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(GRANTED)) {
            query.setString(1, queue);
            query.setString(2, taskId);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    try (PreparedStatement update = connection.prepareStatement(GRANT_MORE)) {
                        update.setInt(1, row.getInt(2) | TASK_PERMISSIONS);
                        update.setString(2, row.getString(1));
                        update.executeUpdate();
                    }
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(GRANT)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, queue);
            insert.setString(3, taskId);
            insert.setInt(4, TASK_PERMISSIONS);
            insert.executeUpdate();
        }
    }
}
