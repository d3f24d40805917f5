package com.followthrough.api;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a request to /api could change: cases, tasks, messages, promises, idempotency keys. */
record CaseApiState(long cases, long tasks, long messages, long promises, long idempotencyKeys) {

    static CaseApiState of(ProcessEngine engine, JdbcClient jdbc) {
        return new CaseApiState(
                engine.getHistoryService().createHistoricProcessInstanceQuery().count(),
                engine.getTaskService().createTaskQuery().count(),
                count(jdbc, "ft_customer_message"),
                count(jdbc, "ft_promise"),
                count(jdbc, "ft_idempotency_key"));
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
