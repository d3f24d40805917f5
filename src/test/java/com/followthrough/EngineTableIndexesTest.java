package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The indexes {@link EngineTableIndexes} adds to the engine's tables exist, and the job acquisition reads its order from
 * its index instead of sorting the whole job table (docs/benchmarks.md: in a storm of timers the acquisition's cost
 * grew with the table). Runs in the PostgreSQL suite too: the indexes exist there, and two nodes creating them at once
 * both start. What the task index serves: {@code TasklistFiltersQueryPlanTest}.
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

    @Test
    void theEnginesAcquisitionQueryReadsItsOrderFromTheIndex() throws Exception {
        assumeTrue(h2(), "reads H2's EXPLAIN; PostgreSQL below");
        String acquisition = acquisitionQueryAsTheEngineSendsIt();

        String plan = explain(acquisition);

        assertThat(acquisition).as("the order application.yaml asks for").containsIgnoringCase("order by RES.TYPE_ desc, RES.DUEDATE_ asc");
        assertThat(plan).as(plan).contains(EngineTableIndexes.JOB_ACQUISITION.name()).contains("index sorted")
                .doesNotContain("ACT_RU_JOB.tableScan");
    }

    @Test
    void postgresCanReadTheAcquisitionOrderFromTheIndex() throws SQLException {
        assumeTrue(!h2(), "the PostgreSQL suite's");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // An empty test table is cheapest to scan; what matters is that the index serves this order at all.
            statement.execute("SET enable_seqscan = off");
            try (ResultSet rows = statement.executeQuery("EXPLAIN SELECT RES.ID_ FROM ACT_RU_JOB RES WHERE RES.RETRIES_ > 0"
                    + " ORDER BY RES.TYPE_ DESC, RES.DUEDATE_ ASC LIMIT 10")) {
                StringBuilder plan = new StringBuilder();
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
                assertThat(plan.toString()).as(plan.toString()).containsIgnoringCase("Index Scan using " + EngineTableIndexes.JOB_ACQUISITION.name())
                        .doesNotContain("Sort Key");
            } finally {
                statement.execute("RESET enable_seqscan");
            }
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

    /** The engine's own acquisition select (no locking), as H2's query statistics recorded it. */
    private String acquisitionQueryAsTheEngineSendsIt() throws Exception {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        Command<Object> selectNextJobs = context -> context.getJobManager().findNextJobsToExecute(new Page(0, 10));
        H2Statements h2 = new H2Statements(jdbc);
        try {
            jdbc.sql("SET QUERY_STATISTICS FALSE").update();
            h2.during(() -> configuration.getCommandExecutorTxRequired().execute(selectNextJobs));
            return jdbc.sql("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                            + " WHERE SQL_STATEMENT LIKE '%from ACT_RU_JOB RES%' AND SQL_STATEMENT LIKE '%LIMIT%'")
                    .query(String.class).single();
        } finally {
            h2.stop();
        }
    }

    /** EXPLAIN ANALYZE with the acquisition's parameters: now for every date, then 10 jobs from the first. */
    private String explain(String acquisition) throws SQLException {
        int parameters = (int) acquisition.chars().filter(c -> c == '?').count();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("EXPLAIN ANALYZE " + acquisition)) {
            for (int i = 1; i <= parameters - 2; i++) {
                statement.setTimestamp(i, new Timestamp(ClockUtil.getCurrentTime().getTime()));
            }
            statement.setInt(parameters - 1, 10);
            statement.setInt(parameters, 0);
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }

    private boolean h2() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        }
    }
}
