package com.followthrough;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL for the tests, from the machine's own binaries (Debian's {@code postgresql} package, see
 * {@code .ci/run}): no Docker, no download. Started once per JVM on a free port in a fresh temporary data directory
 * (its unix socket there too), and stopped and deleted when the JVM exits.
 *
 * <p>{@code initdb} refuses to run as root, so as root (as CI runs) PostgreSQL runs as the {@code postgres} OS user.
 *
 * <p>With {@code -Dtest.database=postgres} the shared test context uses it instead of in-memory H2
 * ({@link DatasourceProperties}); the surefire execution {@code postgres} in the pom runs the suite that way.
 */
public final class TestPostgres {

    public static final String DATABASE = "followthrough";
    public static final String USER = "followthrough";

    private static final Path BINARIES = binaries();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private static TestPostgres running;

    private final Path directory;
    private final int port;
    private final Process server;

    private TestPostgres(Path directory, int port, Process server) {
        this.directory = directory;
        this.port = port;
        this.server = server;
    }

    /** Whether this JVM's tests run on PostgreSQL ({@code -Dtest.database=postgres}), not on H2. */
    public static boolean isTheTestDatabase() {
        return "postgres".equals(System.getProperty("test.database"));
    }

    /** The one PostgreSQL of this JVM, started on first use. */
    public static synchronized TestPostgres instance() {
        if (running == null) {
            // Throwaway data: no fsync. Durability on a crash is tested elsewhere, not PostgreSQL's own.
            running = start(List.of("fsync=off", "synchronous_commit=off", "full_page_writes=off"));
        }
        return running;
    }

    /**
     * A PostgreSQL of its own that writes as a production server does: PostgreSQL's defaults for {@code fsync},
     * {@code synchronous_commit} and {@code full_page_writes} (all on), so that a commit waits for its WAL flush.
     * For the benchmark (docs/benchmarks.md), whose figures would otherwise leave out the commit's cost. Stopped and
     * deleted when the JVM exits, like {@link #instance()}.
     */
    public static TestPostgres startDurable() {
        return start(List.of());
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The server's processes (as root, {@code runuser} and the postgres processes under it): their CPU time. */
    public ProcessHandle server() {
        return server.toHandle();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    private static TestPostgres start(List<String> settings) {
        try {
            Path directory = Files.createTempDirectory("follow-through-postgres");
            Path data = directory.resolve("data");
            if (ROOT) {
                run(List.of("chown", "postgres:postgres", directory.toString()));
            }
            run(asServerUser(List.of(BINARIES.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")));
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(BINARIES.resolve("postgres").toString(),
                    "-D", data.toString(), "-p", String.valueOf(port), "-k", directory.toString(),
                    "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "timezone=UTC"));
            settings.forEach(setting -> command.addAll(List.of("-c", setting)));
            Process server = new ProcessBuilder(asServerUser(command))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("postgres.log").toFile())
                    .start();
            TestPostgres postgres = new TestPostgres(directory, port, server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> postgres.stop(server), "stop-test-postgres"));
            postgres.awaitStarted(server);
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but refused the test database", e);
        }
    }

    private void awaitStarted(Process server) throws IOException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(giveUp)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL did not start: "
                        + Files.readString(directory.resolve("postgres.log")));
            }
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
                return;
            } catch (SQLException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s");
    }

    private void stop(Process server) {
        try {
            // Shutdown hooks run at once: "smart" lets the application close its connections (Spring's own hook)
            // before the server goes, instead of pulling the database from under a context that is still closing.
            run(asServerUser(List.of(BINARIES.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
                    "stop", "-m", "smart", "-t", "20", "-s")));
        } catch (RuntimeException | IOException stillServing) {
            try {
                run(asServerUser(List.of(BINARIES.resolve("pg_ctl").toString(), "-D",
                        directory.resolve("data").toString(), "stop", "-m", "immediate", "-s")));
            } catch (RuntimeException | IOException alreadyGone) {
                server.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    /** {@code -Dpostgres.bin}, or the newest of Debian's {@code /usr/lib/postgresql/<version>/bin}. */
    private static Path binaries() {
        String configured = System.getProperty("postgres.bin");
        if (configured != null) {
            return Paths.get(configured);
        }
        try (Stream<Path> versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No PostgreSQL binaries under /usr/lib/postgresql: apt-get install postgresql,"
                    + " or set -Dpostgres.bin, or skip with -Dpostgres.skip=true", e);
        }
    }

    private static List<String> asServerUser(List<String> command) {
        if (!ROOT) {
            return command;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asPostgres.addAll(command);
        return asPostgres;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * With {@code -Dtest.database=postgres}, points the application's datasource at {@link #instance()}, ahead of
     * {@code application-test.yaml}'s H2 (registered in the tests' spring.factories).
     */
    public static class DatasourceProperties implements EnvironmentPostProcessor, Ordered {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            if (!isTheTestDatabase()) {
                return;
            }
            TestPostgres postgres = instance();
            environment.getPropertySources().addFirst(new MapPropertySource("test-postgres", Map.of(
                    "spring.datasource.url", postgres.jdbcUrl(),
                    "spring.datasource.username", USER,
                    "spring.datasource.password", "")));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
