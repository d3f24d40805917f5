package com.followthrough;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The index Camunda's user guide recommends for the job acquisition order application.yaml sets
 * ({@code jobExecutorPreferTimerJobs} and {@code jobExecutorAcquireByDueDate}: the acquisition query orders by
 * {@code TYPE_ desc, DUEDATE_ asc}), which the engine's own schema does not create. Without it every acquisition reads
 * and sorts the whole job table: in a storm of timers its cost grew with the table (docs/benchmarks.md).
 *
 * <p>Created once the engine has made or updated its schema: Flyway migrates our tables before the engine starts
 * ({@link ProcessEngineDatabaseInitializationDetector}), so on a fresh database a migration would find no
 * {@code ACT_RU_JOB}. Existing databases get it on their next start. Nodes that start at once on one database may
 * both try; the one that loses finds the other's index.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "IX_FT_JOB_ACQUISITION";
    static final String CREATE = "CREATE INDEX IF NOT EXISTS " + NAME + " ON ACT_RU_JOB (TYPE_ DESC, DUEDATE_ ASC)";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ensureOn(processEngine.getProcessEngineConfiguration().getDataSource());
    }

    static void ensureOn(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE);
            } catch (SQLException raced) {
                // PostgreSQL's IF NOT EXISTS does not cover two sessions creating the same index at once.
                if (!exists(connection)) {
                    throw raced;
                }
            }
            log.info("Created {} for the job acquisition order", NAME);
        } catch (SQLException e) {
            // The jobs still run, only their acquisition reads the whole table: not a reason to refuse the start.
            log.warn("Could not create the job acquisition index; every job acquisition will read the whole job table"
                    + " until a database administrator runs: {}", CREATE, e);
        }
    }

    static boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        String table = database.storesLowerCaseIdentifiers() ? "act_ru_job" : "ACT_RU_JOB";
        try (ResultSet indexes = database.getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false, true)) {
            while (indexes.next()) {
                if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
