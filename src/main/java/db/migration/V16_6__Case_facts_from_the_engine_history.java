package db.migration;

import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.followthrough.insights.CaseFactsFromHistory;

/**
 * Cases that started before {@code ft_case_fact} existed (V6) have no case facts: the insights, the closed cases in
 * Cockpit and the capacity rule (V16_1) did not see them. Rebuilt from the engine's history
 * ({@link CaseFactsFromHistory}); Java because Flyway runs before the engine, which on a new database has no tables
 * yet.
 */
public class V16_6__Case_facts_from_the_engine_history extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        CaseFactsFromHistory.backfill(context.getConnection());
    }
}
