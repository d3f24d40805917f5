package followthrough.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Configuration;

import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Counts every SQL statement the app sends through its data source (datasource-proxy), by the kind of thread that sent
 * it: a web request, a job the job executor runs, the job acquisition, or anything else (schedulers). The probes'
 * own queries are not counted. A JDBC batch (the engine flushes with batches) counts as the statements in it.
 *
 * <p>It also counts the commits that wrote (a transaction with an INSERT, UPDATE or DELETE, or such a statement in
 * auto-commit), by the same kinds under {@code "commits <kind>"}: on PostgreSQL each waits for its WAL flush, what
 * the statement count does not show. A thread holds one connection at a time, so what it wrote is kept per thread.
 *
 * <p>
 * With {@code -Dbenchmark.statements.trace=FILE} it also writes one line per statement (kind of thread, the first
 * class of ours on the stack or else the engine command, the statement's verb and table) and a line {@code snapshot}
 * whenever the counts are read, so that a step's statements can be broken down (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

    public static final String REQUEST = "request";
    public static final String JOB = "job";
    public static final String ACQUISITION = "acquisition";
    public static final String OTHER = "other";

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> THREADS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Boolean> UNCOUNTED = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> WROTE = ThreadLocal.withInitial(() -> false);
    private static final String COMMITS = "commits ";
    private static final Writer TRACE = trace(System.getProperty("benchmark.statements.trace"));
    private static final Pattern TABLE = Pattern.compile("(?is)^\\s*(update|insert|merge|select|delete)\\b"
            + "(?:\\s+into)?(?:\\s+(?=[A-Za-z_]+\\s+set\\b)|.*?\\bfrom\\s+)?\\(?\\s*([A-Za-z_][A-Za-z0-9_.]*)");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).name(beanName)
                    .afterQuery((info, queries) -> {
                        int statements = info.isBatch() ? Math.max(1, info.getBatchSize()) : queries.size();
                        count(statements);
                        if (TRACE != null && !UNCOUNTED.get()) {
                            trace(statements, queries.isEmpty() ? "" : queries.get(0).getQuery());
                        }
                        if (queries.stream().anyMatch(query -> writes(query.getQuery()))) {
                            wrote(info.getStatement());
                        }
                    })
                    .afterMethod(context -> {
                        String method = context.getMethod().getName();
                        if ("commit".equals(method) && context.getThrown() == null && WROTE.get()) {
                            countCommit();
                        }
                        if (context.getTarget() instanceof java.sql.Connection
                                && ("commit".equals(method) || "rollback".equals(method) || "close".equals(method))) {
                            WROTE.set(false);
                        }
                    })
                    .build();
        }
        return bean;
    }

    private static void count(int statements) {
        if (UNCOUNTED.get()) {
            return;
        }
        String thread = Thread.currentThread().getName();
        COUNTS.computeIfAbsent(kind(thread), k -> new LongAdder()).add(statements);
        THREADS.computeIfAbsent(thread.replaceAll("[0-9]+", "#"), k -> new LongAdder()).add(statements);
    }

    private static boolean writes(String sql) {
        String start = sql.stripLeading();
        return start.regionMatches(true, 0, "insert", 0, 6) || start.regionMatches(true, 0, "update", 0, 6)
                || start.regionMatches(true, 0, "delete", 0, 6);
    }

    private static void wrote(java.sql.Statement statement) {
        try {
            if (statement != null && statement.getConnection().getAutoCommit()) {
                countCommit();
            } else {
                WROTE.set(true);
            }
        } catch (java.sql.SQLException closed) {
            WROTE.set(true);
        }
    }

    private static void countCommit() {
        if (!UNCOUNTED.get()) {
            COUNTS.computeIfAbsent(COMMITS + kind(Thread.currentThread().getName()), k -> new LongAdder()).increment();
        }
    }

    static String commits(String kind) {
        return COMMITS + kind;
    }

    private static Writer trace(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void trace(int statements, String sql) {
        String kind = kind(Thread.currentThread().getName());
        if (ACQUISITION.equals(kind)) {
            return;
        }
        String line = kind + "\t" + sender() + "\t" + statement(sql) + "\t" + statements + "\n";
        synchronized (TRACE) {
            try {
                TRACE.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The first class of ours on the stack (method too), then the outermost engine command (or "flush" for the
     * statements a command writes when it ends), tab-separated. Our filters and command interceptor are under every
     * request, so they say nothing about the statement.
     */
    private static String sender() {
        return StackWalker.getInstance().walk(frames -> {
            String ours = null;
            String command = null;
            boolean flush = false;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String type = frame.getClassName();
                if (ours == null && type.startsWith("com.followthrough.") && !WRAPPERS.matcher(type).lookingAt()) {
                    ours = type.substring("com.followthrough.".length()).replaceAll("\\$.*", "") + "." + frame.getMethodName();
                }
                if (type.startsWith("org.camunda.bpm.engine.impl.") && type.endsWith("Cmd")) {
                    command = type.substring(type.lastIndexOf('.') + 1);
                }
                flush |= type.endsWith(".DbEntityManager") && "flush".equals(frame.getMethodName());
            }
            return (ours == null ? "engine" : ours) + "\t" + (command != null ? command : flush ? "flush" : "?");
        });
    }

    /** Ours, but under every request or command: they say nothing about the statement. */
    private static final Pattern WRAPPERS = Pattern.compile(
            "com\\.followthrough\\.(RefusalsReachTheCaller|access\\.|api\\.)");

    private static String statement(String sql) {
        Matcher m = TABLE.matcher(sql);
        if (!m.find()) {
            return sql.length() > 40 ? sql.substring(0, 40) : sql;
        }
        return m.group(1).toLowerCase(Locale.ROOT) + " " + (m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT));
    }

    static String kind(String thread) {
        if (thread.startsWith("http-nio")) {
            return REQUEST;
        }
        if (thread.startsWith("camundaTaskExecutor")) {
            return JOB;
        }
        if (thread.startsWith("JobExecutor")) {
            return ACQUISITION;
        }
        return OTHER;
    }

    static Map<String, Long> snapshot() {
        if (TRACE != null) {
            synchronized (TRACE) {
                try {
                    TRACE.write("snapshot\n");
                    TRACE.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String kind : new String[] {REQUEST, JOB, ACQUISITION, OTHER}) {
            LongAdder adder = COUNTS.get(kind);
            counts.put(kind, adder == null ? 0 : adder.sum());
            LongAdder commits = COUNTS.get(COMMITS + kind);
            counts.put(COMMITS + kind, commits == null ? 0 : commits.sum());
        }
        THREADS.forEach((thread, adder) -> counts.put("thread " + thread, adder.sum()));
        return counts;
    }

    /** Runs the probe's own work without counting it. */
    static <T> T uncounted(java.util.function.Supplier<T> work) {
        UNCOUNTED.set(true);
        try {
            return work.get();
        } finally {
            UNCOUNTED.set(false);
        }
    }
}
