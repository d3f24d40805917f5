package com.followthrough;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The selects the engine sends while an action runs, each with the parameters it was sent with, so that a test can
 * ask the database how it reads them ({@link Query#explain}). Recorded by a MyBatis interceptor on the engine's
 * statements, added once to the shared test engine and idle unless a thread records.
 */
public final class EngineQueries {

    /** One select as the engine sent it: its mapped statement's id, SQL and parameters. */
    public record Query(String statement, MappedStatement mapped, Object parameter, BoundSql bound) {

        public String sql() {
            return bound.getSql();
        }

        /**
         * {@code prefix} (e.g. {@code EXPLAIN ANALYZE}) and this select, run with its parameters: one line a row.
         * {@code plannerSettings} (PostgreSQL's, e.g. {@code enable_seqscan = off}) hold for this select only.
         */
        public String explain(DataSource dataSource, String prefix, String... plannerSettings) throws SQLException {
            return EngineQueries.explain(dataSource, prefix + " " + sql(),
                    statement -> mapped.getConfiguration().newParameterHandler(mapped, parameter, bound)
                            .setParameters(statement),
                    plannerSettings);
        }
    }

    /** As {@link Query#explain}, for a select of ours ({@code sql} with {@code ?} for each of {@code parameters}). */
    public static String explain(DataSource dataSource, String prefix, String sql, List<?> parameters,
                                 String... plannerSettings) throws SQLException {
        return explain(dataSource, prefix + " " + sql, statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }, plannerSettings);
    }

    private interface Parameters {
        void setOn(PreparedStatement statement) throws SQLException;
    }

    private static String explain(DataSource dataSource, String explainedSql, Parameters parameters,
                                  String... plannerSettings) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement settings = connection.createStatement()) {
            for (String setting : plannerSettings) {
                settings.execute("SET " + setting);
            }
            try (PreparedStatement statement = connection.prepareStatement(explainedSql)) {
                parameters.setOn(statement);
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return String.join("\n", lines);
            } finally {
                for (String setting : plannerSettings) {
                    settings.execute("RESET " + setting.split("=")[0].trim());
                }
            }
        }
    }

    /**
     * Every row the database's scans went through in an EXPLAIN ANALYZE plan, over all tables of the select: H2's
     * scan counts; PostgreSQL's rows each scan returned and those its filter removed, times its loops.
     */
    public static long rowsRead(String plan) {
        return rowsRead(plan, false);
    }

    /**
     * As {@link #rowsRead(String)}, without PostgreSQL's scans of the authorization table (and their removed rows):
     * the engine's authorization check joins it once per row the select returns, so those reads grow with the rows the
     * caller may see and with the grants other tests left, not with what a plan reads besides.
     */
    public static long rowsReadBesidesAuthorizations(String plan) {
        return rowsRead(plan, true);
    }

    private static long rowsRead(String plan, boolean besidesAuthorizations) {
        boolean postgres = TestPostgres.isTheTestDatabase();
        Pattern authorizations = Pattern.compile("Scan (?:using \\w+ )?on (?:act_ru_authorization|act_uniq_auth_\\w+"
                + "|act_idx_auth_\\w+)\\b");
        Pattern scan = Pattern.compile(
                postgres ? "Scan .*\\(actual .*rows=(\\d+) loops=(\\d+)\\)" : "scanCount: (\\d+)");
        Pattern removed = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)");
        long rows = 0;
        int scans = 0;
        long loops = 0;
        for (String line : plan.split("\n")) {
            Matcher read = scan.matcher(line);
            Matcher filtered = removed.matcher(line);
            if (read.find()) {
                scans++;
                loops = postgres ? Long.parseLong(read.group(2)) : 1;
                if (besidesAuthorizations && postgres && authorizations.matcher(line).find()) {
                    loops = 0;
                }
                rows += Long.parseLong(read.group(1)) * loops;
            } else if (filtered.find()) {
                rows += Long.parseLong(filtered.group(1)) * loops;
            } else if (line.contains("->")) {
                loops = 0;
            }
        }
        if (scans == 0) {
            throw new AssertionError("No scan in the plan:\n" + plan);
        }
        return rows;
    }

    @Intercepts(@Signature(type = Executor.class, method = "query",
            args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
    private static final class Recorder implements Interceptor {

        private final ThreadLocal<List<Query>> recording = new ThreadLocal<>();

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            List<Query> queries = recording.get();
            if (queries != null) {
                MappedStatement mapped = (MappedStatement) invocation.getArgs()[0];
                Object parameter = invocation.getArgs()[1];
                queries.add(new Query(mapped.getId(), mapped, parameter, mapped.getBoundSql(parameter)));
            }
            return invocation.proceed();
        }

        @Override
        public Object plugin(Object target) {
            return target instanceof Executor ? Plugin.wrap(target, this) : target;
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }

    private EngineQueries() {
    }

    /** The selects {@code action} made the engine send on this thread, in order. */
    public static List<Query> during(ProcessEngine engine, Runnable action) {
        Recorder recorder = recorderOf(engine);
        List<Query> queries = new ArrayList<>();
        recorder.recording.set(queries);
        try {
            action.run();
        } finally {
            recorder.recording.remove();
        }
        return queries;
    }

    private static Recorder recorderOf(ProcessEngine engine) {
        Configuration mybatis = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getSqlSessionFactory().getConfiguration();
        synchronized (mybatis) {
            return mybatis.getInterceptors().stream()
                    .filter(Recorder.class::isInstance).map(Recorder.class::cast).findFirst()
                    .orElseGet(() -> {
                        Recorder added = new Recorder();
                        mybatis.addInterceptor(added);
                        return added;
                    });
        }
    }
}
