package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.DatabaseTables;

/**
 * Cases whose customer came back after *No answer from the customer* stopped the work and confirmed the problem is
 * solved (docs/analysts.md, "Records from older versions"): a late reply the owner or a supervisor decided as
 * confirming it, or the confirmation itself, closed the case before its quiet period ended. Until this version such a
 * case was {@code closedWithoutAnswer}, as if the customer had never answered; it is {@code confirmedByCustomer}. The
 * column {@code customer_back_at} keeps when the customer last came back while the case waited; rows written before
 * are repaired from the engine's history ({@code ACT_HI_ACTINST}: {@code Event_CustomerReplied},
 * {@code Event_ResolutionConfirmed}, {@code Event_CaseReopened}) while the history holds the case.
 *
 * <p>Java, not SQL: Flyway runs before the process engine, so a database the engine never ran on has no history to
 * read.
 */
public class V16_10__Customers_who_came_back_after_no_answer extends BaseJavaMigration {

    static final String CUSTOMER_BACK_AT = """
            UPDATE ft_case_fact SET customer_back_at = (SELECT CAST(MAX(a.END_TIME_) AS TIMESTAMP WITH TIME ZONE)
                FROM ACT_HI_ACTINST a
                WHERE a.PROC_INST_ID_ = ft_case_fact.process_instance_id
                  AND a.ACT_ID_ IN ('Event_CustomerReplied', 'Event_ResolutionConfirmed', 'Event_CaseReopened')
                  AND a.END_TIME_ IS NOT NULL AND (a.ACT_INST_STATE_ IS NULL OR a.ACT_INST_STATE_ <> 2))
            WHERE no_answer_at IS NOT NULL AND customer_back_at IS NULL
            """;

    static final String OUTCOME = """
            UPDATE ft_case_fact SET outcome = 'confirmedByCustomer'
            WHERE outcome = 'closedWithoutAnswer' AND customer_back_at >= no_answer_at
            """;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE ft_case_fact ADD COLUMN customer_back_at TIMESTAMP WITH TIME ZONE");
        }
        if (DatabaseTables.allExist(connection, "ACT_HI_ACTINST")) {
            repair(connection);
        }
    }

    /** Finds when the customer came back from the engine's history, and gives such cases their outcome. */
    public static void repair(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(CUSTOMER_BACK_AT);
            statement.executeUpdate(OUTCOME);
        }
    }
}
