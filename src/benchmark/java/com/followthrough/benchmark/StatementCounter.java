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

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).name(beanName)
                    .afterQuery((info, queries) -> count(info.isBatch() ? Math.max(1, info.getBatchSize()) : queries.size()))
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
