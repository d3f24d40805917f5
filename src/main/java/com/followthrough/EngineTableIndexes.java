package com.followthrough;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The indexes we add to the engine's own tables, for queries the engine's schema has none for (docs/benchmarks.md):
 * <ul>
 * <li>{@link #JOB_ACQUISITION}: the one Camunda's user guide recommends for the job acquisition order application.yaml
 * sets ({@code jobExecutorPreferTimerJobs} and {@code jobExecutorAcquireByDueDate}: the acquisition query orders by
 * {@code TYPE_ desc, DUEDATE_ asc}). Without it every acquisition reads and sorts the whole job table: in a storm of
 * timers its cost grew with the table.
 * <li>{@link #TASK_DUE}: the Tasklist filters that pick tasks by their definition key and due date ("Overdue
 * promises", "Approvals", "Last chances"). Without it each list and count reads every open task.
 * </ul>
 *
 * <p>Created once the engine has made or updated its schema: Flyway migrates our tables before the engine starts
 * ({@link ProcessEngineDatabaseInitializationDetector}), so on a fresh database a migration would find no engine
 * tables. Existing databases get them on their next start. Nodes that start at once on one database may both try; the
 * one that loses finds the other's index.
 */
@Component
public class EngineTableIndexes extends AbstractProcessEnginePlugin {

    /** An index on one of the engine's tables, and what the queries it serves do without it. */
    public record EngineTableIndex(String name, String table, String columns, String without) {

        String create() {
            return "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + columns + ")";
        }
    }

    public static final EngineTableIndex JOB_ACQUISITION = new EngineTableIndex("IX_FT_JOB_ACQUISITION", "ACT_RU_JOB",
            "TYPE_ DESC, DUEDATE_ ASC", "every job acquisition will read the whole job table");
    public static final EngineTableIndex TASK_DUE = new EngineTableIndex("IX_FT_TASK_DEF_KEY_DUE", "ACT_RU_TASK",
            "TASK_DEF_KEY_, DUE_DATE_", "the Tasklist filters by task and due date will read every open task");
    static final List<EngineTableIndex> ALL = List.of(JOB_ACQUISITION, TASK_DUE);

    private static final Logger log = LoggerFactory.getLogger(EngineTableIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DataSource dataSource = processEngine.getProcessEngineConfiguration().getDataSource();
        ALL.forEach(index -> ensureOn(dataSource, index));
    }

    static void ensureOn(DataSource dataSource, EngineTableIndex index) {
        String create = index.create();
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection, index)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(create);
            } catch (SQLException raced) {
                // PostgreSQL's IF NOT EXISTS does not cover two sessions creating the same index at once.
                if (!exists(connection, index)) {
                    throw raced;
                }
            }
            log.info("Created {} on {}", index.name(), index.table());
        } catch (SQLException e) {
            // The engine works without it, only slower: not a reason to refuse the start.
            log.warn("Could not create {}; {} until a database administrator runs: {}", index.name(), index.without(),
                    create, e);
        }
    }

    static boolean exists(Connection connection, EngineTableIndex index) throws SQLException {
        return indexesOn(connection, index.table()).stream().anyMatch(index.name()::equalsIgnoreCase);
    }

    /** The names of the indexes on {@code table}, as the database reports them (one per column of each). */
    static List<String> indexesOn(Connection connection, String table) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        String name = database.storesLowerCaseIdentifiers() ? table.toLowerCase() : table;
        List<String> indexes = new ArrayList<>();
        try (ResultSet rows = database.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, true)) {
            while (rows.next()) {
                if (rows.getString("INDEX_NAME") != null) {
                    indexes.add(rows.getString("INDEX_NAME"));
                }
            }
        }
        return indexes;
    }
}
