package com.followthrough;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
    /**
     * Each statement's count when the last {@link #during} began and when it ended: H2's statistics add up from their
     * first turn-on, and a test's own queries after the action (its assertions) are not the action's.
     */
    private Map<String, Long> before = Map.of();
    private Map<String, Long> after = Map.of();

    public H2Statements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many statements {@code action} sent (the count's own query left out). */
    public long during(Action action) throws Exception {
        jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 10000").update();
        jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        before = counts();
        long executedBefore = executed();
        action.run();
        long executedAfter = executed();
        after = counts();
        return executedAfter - executedBefore - 1;
    }

    /** The statements the last {@link #during} counted, most executed first, one a line. */
    public String sent() {
        Map<String, Long> before = this.before;
        List<String> lines = after.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " × " + entry.getKey().replaceAll("\\s+", " "))
                .toList();
        return String.join("\n", lines);
    }

    private Map<String, Long> counts() {
        return jdbc.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS "
                        + "WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%'")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
    }

    public void stop() {
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    }

    private long executed() {
        return jdbc.sql("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS")
                .query(Long.class).single();
    }
}
