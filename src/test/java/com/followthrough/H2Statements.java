package com.followthrough;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL statements H2 executes while an action runs, counted with H2's query statistics: noise-free guards for the
 * statements a step costs (issue 16), which no machine load can blur. H2 SQL: such tests stay out of the PostgreSQL
 * suite (pom.xml). The statistics stay on after {@link #during} so that {@link #sent} can list them in a failure;
 * {@link #stop} turns them off.
 */
public final class H2Statements {

    /** An action that may throw, like a request over HTTP. */
    public interface Action {
        void run() throws Exception;
    }

    private final JdbcClient jdbc;

    public H2Statements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many statements {@code action} sent (the count's own query left out). */
    public long during(Action action) throws Exception {
        jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 10000").update();
        jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        long before = executed();
        action.run();
        return executed() - before - 1;
    }

    /** The statements counted since the statistics were turned on, most executed first, one a line. */
    public String sent() {
        List<String> lines = jdbc.sql("SELECT EXECUTION_COUNT, SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS "
                        + "WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%' ORDER BY EXECUTION_COUNT DESC")
                .query((rs, i) -> rs.getLong(1) + " × " + rs.getString(2).replaceAll("\\s+", " "))
                .list();
        return String.join("\n", lines);
    }

    public void stop() {
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    }

    private long executed() {
        return jdbc.sql("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS")
                .query(Long.class).single();
    }
}
