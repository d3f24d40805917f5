package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.DatabaseTables;

/**
 * Cases closed because the customer never answered (docs/analysts.md, "Records from older versions"). Until this
 * version the case facts did not record that *No answer from the customer* stopped the work, so such a case closed
 * at the end of its quiet period as "solved at first contact" (or after a callback, or by a specialist): the column
 * {@code no_answer_at} keeps when it last happened, and a case closed without a resolution since is
 * {@code closedWithoutAnswer}. Rows written before are repaired from the engine's history
 * ({@code ACT_HI_ACTINST}, the boundary event {@code Event_NoAnswerFromCustomer}) while the history holds the case.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no history to
 * read.
 */
public class V16_9__Cases_closed_without_an_answer extends BaseJavaMigration {

    static final String NO_ANSWER_AT = """
            UPDATE ft_case_fact SET no_answer_at = (SELECT CAST(MAX(a.END_TIME_) AS TIMESTAMP WITH TIME ZONE)
                FROM ACT_HI_ACTINST a
                WHERE a.PROC_INST_ID_ = ft_case_fact.process_instance_id AND a.ACT_ID_ = 'Event_NoAnswerFromCustomer'
                  AND (a.ACT_INST_STATE_ IS NULL OR a.ACT_INST_STATE_ <> 2))
            WHERE outcome IS NULL OR outcome <> 'cancelled'
            """;

    static final String OUTCOME = """
            UPDATE ft_case_fact SET outcome = 'closedWithoutAnswer'
            WHERE closed_at IS NOT NULL AND outcome <> 'cancelled' AND no_answer_at IS NOT NULL
              AND (resolved_at IS NULL OR resolved_at < no_answer_at)
            """;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE ft_case_fact ADD COLUMN no_answer_at TIMESTAMP WITH TIME ZONE");
            if (DatabaseTables.allExist(connection, "ACT_HI_ACTINST")) {
                statement.executeUpdate(NO_ANSWER_AT);
                statement.executeUpdate(OUTCOME);
            }
        }
    }
}
