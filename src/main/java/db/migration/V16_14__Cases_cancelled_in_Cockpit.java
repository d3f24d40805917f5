package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.DatabaseTables;

/**
 * Cases cancelled in Cockpit (docs/analysts.md, "Records from older versions"). Cockpit's "Cancel process instance"
 * deletes a case through the engine's REST API, which takes no reason; the case facts took only a case deleted with a
 * reason for cancelled, so such a case got the outcome of a solved case. The engine's history records it as
 * externally terminated ({@code ACT_HI_PROCINST.STATE_}), which the facts now read too; rows written before are
 * repaired from it while the history holds the case.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no history to
 * read.
 */
public class V16_14__Cases_cancelled_in_Cockpit extends BaseJavaMigration {

    static final String OUTCOME = """
            UPDATE ft_case_fact SET outcome = 'cancelled'
            WHERE closed_at IS NOT NULL AND outcome <> 'cancelled'
              AND EXISTS (SELECT 1 FROM ACT_HI_PROCINST h WHERE h.ID_ = ft_case_fact.process_instance_id
                  AND h.STATE_ = 'EXTERNALLY_TERMINATED')
            """;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (DatabaseTables.allExist(connection, "ACT_HI_PROCINST")) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(OUTCOME);
            }
        }
    }
}
