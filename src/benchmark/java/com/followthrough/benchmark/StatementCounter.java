package com.followthrough.benchmark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).name(beanName)
                    .afterQuery((info, queries) -> {
                        count(info.isBatch() ? Math.max(1, info.getBatchSize()) : queries.size());
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
