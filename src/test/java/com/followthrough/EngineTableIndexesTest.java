package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The indexes {@link EngineTableIndexes} adds to the engine's tables exist, and the job acquisition reads its order from
 * its index instead of sorting the whole job table (docs/benchmarks.md: in a storm of timers the acquisition's cost
 * grew with the table). Runs in the PostgreSQL suite too: the indexes exist there, the acquisition uses its index, and
 * two nodes creating them at once both start. What the task index serves: {@code TasklistFiltersQueryPlanTest}.
 */
@FollowThroughSpringTest
class EngineTableIndexesTest {

    @Autowired ProcessEngine engine;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @Test
    void theEngineStartsWithOurIndexesOnItsTables() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (EngineTableIndexes.EngineTableIndex index : EngineTableIndexes.ALL) {
                assertThat(EngineTableIndexes.exists(connection, index)).as(index.name()).isTrue();
            }
        }
    }

    /**
     * The capacity rule reads the agent's open cases from {@code ft_case_fact}: an index on the engine's variables'
     * texts (an earlier version's {@code IX_FT_VARIABLE_OWNER}) held every variable's text on H2, which has no partial
     * indexes (docs/benchmarks.md, *The capacity rule from the case facts*).
     */
    @Test
    void noIndexOfOursHoldsTheEnginesVariables() throws SQLException {
        assertThat(ourIndexesOn("ACT_RU_VARIABLE")).isEmpty();
    }

    @Test
    void aDatabaseOfAnEarlierVersionLosesItsIndexOnTheEnginesVariables() throws SQLException {
        jdbc.sql("CREATE INDEX IX_FT_VARIABLE_OWNER ON ACT_RU_VARIABLE (NAME_, TEXT_)").update();
        assertThat(ourIndexesOn("ACT_RU_VARIABLE")).isNotEmpty();

        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection,
                    new ClassPathResource("db/migration/V16_1__capacity_from_case_facts.sql"));
        }

        assertThat(ourIndexesOn("ACT_RU_VARIABLE")).isEmpty();
    }

    private List<String> ourIndexesOn(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return EngineTableIndexes.indexesOn(connection, table).stream()
                    .filter(index -> index.toUpperCase().startsWith("IX_FT_")).toList();
        }
    }

    @Test
    void theEnginesAcquisitionQueryReadsItsOrderFromTheIndex() throws SQLException {
        EngineQueries.Query acquisition = acquisitionQueryAsTheEngineSendsIt();

        String plan = explain(acquisition);

        assertThat(acquisition.sql()).as("the order application.yaml asks for")
                .containsIgnoringCase("order by RES.TYPE_ desc, RES.DUEDATE_ asc");
        if (TestPostgres.isTheTestDatabase()) {
            assertThat(plan).as(plan).containsIgnoringCase("Index Scan using " + EngineTableIndexes.JOB_ACQUISITION.name())
                    .doesNotContain("Sort Key");
        } else {
            assertThat(plan).as(plan).contains(EngineTableIndexes.JOB_ACQUISITION.name()).contains("index sorted")
                    .doesNotContain("ACT_RU_JOB.tableScan");
        }
    }

    @Test
    void twoNodesStartingAtOnceBothFindTheIndexes() throws Exception {
        EngineTableIndexes.ALL.forEach(index -> jdbc.sql("DROP INDEX " + index.name()).update());
        try {
            CyclicBarrier together = new CyclicBarrier(2);
            Runnable node = () -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                EngineTableIndexes.ALL.forEach(index -> EngineTableIndexes.ensureOn(dataSource, index));
            };
            CompletableFuture.allOf(CompletableFuture.runAsync(node), CompletableFuture.runAsync(node)).join();

            try (Connection connection = dataSource.getConnection()) {
                for (EngineTableIndexes.EngineTableIndex index : EngineTableIndexes.ALL) {
                    assertThat(EngineTableIndexes.exists(connection, index)).as(index.name()).isTrue();
                }
            }
        } finally {
            EngineTableIndexes.ALL.forEach(index -> EngineTableIndexes.ensureOn(dataSource, index));
        }
    }

    /** The engine's own acquisition select (no locking) with its parameters: now for every date, 10 jobs from the first. */
    private EngineQueries.Query acquisitionQueryAsTheEngineSendsIt() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Command<Object> selectNextJobs = context -> context.getJobManager().findNextJobsToExecute(new Page(0, 10));
        return EngineQueries.during(engine, () -> configuration.getCommandExecutorTxRequired().execute(selectNextJobs))
                .stream().filter(query -> query.statement().endsWith(".selectNextJobsToExecute")).findFirst().orElseThrow();
    }

    /**
     * The test's few jobs are cheapest to scan, or to fetch by a bitmap and sort (as the planner chose once the
     * suite's other tests had filled and emptied the job table); what matters is that the index serves this order at
     * all.
     */
    private String explain(EngineQueries.Query acquisition) throws SQLException {
        return TestPostgres.isTheTestDatabase()
                ? acquisition.explain(dataSource, "EXPLAIN", "enable_seqscan = off", "enable_bitmapscan = off")
                : acquisition.explain(dataSource, "EXPLAIN ANALYZE");
    }
}
