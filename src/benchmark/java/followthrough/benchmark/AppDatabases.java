package followthrough.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import com.followthrough.TestPostgres;

/**
 * Where each app the benchmark starts keeps its data. {@code --database=h2} (the default): the H2 file of the app's
 * configuration, in the app's own directory. {@code --database=postgres}: a fresh database per app on PostgreSQL,
 * created before the app starts (Flyway and the engine create the schema) and dropped after it; the app gets the
 * datasource settings the production profile sets (url, user, password), everything else as it runs.
 *
 * <p>The PostgreSQL is {@code --postgres.url} (any database on the server, e.g. {@code
 * jdbc:postgresql://localhost:5432/postgres}, with {@code --postgres.user} and {@code --postgres.password}; the user
 * needs CREATEDB), or else one the benchmark starts from the machine's binaries as the test suite does ({@link
 * TestPostgres}), but with PostgreSQL's default durability: the test suite's {@code fsync=off} would leave out what a
 * commit costs in production. {@code --postgres.settings=test} starts it with the test suite's settings instead.
 */
abstract class AppDatabases {

    /** From the options; starts the benchmark's own PostgreSQL if it needs one. */
    static AppDatabases from(Map<String, String> options) {
        String database = options.getOrDefault("database", "h2");
        return switch (database) {
            case "h2" -> new H2();
            case "postgres" -> Postgres.from(options);
            default -> throw new IllegalArgumentException("--database=" + database + ": h2 or postgres");
        };
    }

    /** A fresh database for the app called {@code app}; returns the app's arguments that point it there. */
    abstract List<String> create(String app);

    /** Drops what {@link #create} made, once the app has stopped. */
    abstract void drop(String app);

    /** For the summary: which database, and the settings that decide what a commit costs. */
    abstract String describe();

    /**
     * CPU time the database server has used so far, if it runs in processes of its own that the benchmark started
     * (NaN for H2, whose work is the app's own CPU time, and for a server given by {@code --postgres.url}).
     */
    abstract double serverCpuSeconds();

    /** The app's embedded H2 file (whose write delay the filters' fill may set), not PostgreSQL. */
    boolean isH2() {
        return this instanceof H2;
    }

    private static final class H2 extends AppDatabases {

        @Override
        List<String> create(String app) {
            return List.of();
        }

        @Override
        void drop(String app) {
            // The file lives in the app's directory, which the benchmark deletes before it starts the app.
        }

        @Override
        String describe() {
            return "H2 file (the app's own configuration)";
        }

        @Override
        double serverCpuSeconds() {
            return Double.NaN;
        }
    }

    private static final class Postgres extends AppDatabases {

        private static final String PREFIX = "ft_benchmark_";

        private final String url;
        private final String user;
        private final String password;
        private final String origin;
        private final ProcessHandle server;

        private Postgres(String url, String user, String password, String origin, ProcessHandle server) {
            this.url = url;
            this.user = user;
            this.password = password;
            this.origin = origin;
            this.server = server;
        }

        static Postgres from(Map<String, String> options) {
            String url = options.get("postgres.url");
            if (url != null) {
                return new Postgres(url, options.getOrDefault("postgres.user", "postgres"),
                        options.getOrDefault("postgres.password", ""), "at " + url, null);
            }
            String settings = options.getOrDefault("postgres.settings", "production");
            TestPostgres server = switch (settings) {
                case "production" -> TestPostgres.startDurable();
                case "test" -> TestPostgres.instance();
                default -> throw new IllegalArgumentException("--postgres.settings=" + settings + ": production or test");
            };
            return new Postgres(server.jdbcUrl("postgres"), TestPostgres.USER, "",
                    "started by the benchmark from the machine's binaries, " + settings + " settings", server.server());
        }

        @Override
        List<String> create(String app) {
            String database = PREFIX + app.replaceAll("[^a-z0-9]", "_");
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
            return List.of("--spring.datasource.url=" + on(database), "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password);
        }

        @Override
        void drop(String app) {
            execute("DROP DATABASE IF EXISTS " + PREFIX + app.replaceAll("[^a-z0-9]", "_") + " WITH (FORCE)");
        }

        @Override
        String describe() {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                StringBuilder settings = new StringBuilder();
                for (String setting : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
                        "wal_sync_method", "shared_buffers")) {
                    try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
                        result.next();
                        settings.append(settings.isEmpty() ? "" : ", ").append(setting).append(" ").append(result.getString(1));
                    }
                }
                return "PostgreSQL (" + settings + "), " + origin + ", a fresh database per app";
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL " + url + " does not answer", e);
            }
        }

        /** Backends that have exited take their CPU time with them; the app's pool keeps its connections open. */
        @Override
        double serverCpuSeconds() {
            if (server == null) {
                return Double.NaN;
            }
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(server), server.descendants())
                    .mapToDouble(process -> process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(0.0))
                    .sum();
        }

        /** {@code url} with its database (the path's last segment, before any parameters) replaced. */
        private String on(String database) {
            int query = url.indexOf('?');
            String base = query < 0 ? url : url.substring(0, query);
            String parameters = query < 0 ? "" : url.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
        }

        private void execute(String... sql) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                for (String each : sql) {
                    statement.execute(each);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL " + url + ": " + String.join("; ", sql), e);
            }
        }
    }
}
