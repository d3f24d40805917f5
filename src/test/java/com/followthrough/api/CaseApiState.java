package com.followthrough.api;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a request to /api could change: cases, tasks, messages, promises, idempotency keys, the surveys with what
 * the customers answered, and the agents' absences.
 */
record CaseApiState(long cases, long tasks, long messages, long promises, long idempotencyKeys, List<String> surveys,
                    List<String> absences) {

    static CaseApiState of(ProcessEngine engine, JdbcClient jdbc) {
        return new CaseApiState(
                engine.getHistoryService().createHistoricProcessInstanceQuery().count(),
                engine.getTaskService().createTaskQuery().count(),
                count(jdbc, "ft_customer_message"),
                count(jdbc, "ft_promise"),
                count(jdbc, "ft_idempotency_key"),
                jdbc.sql("SELECT case_reference, answered_at, rating, comment, last_chance_outcome FROM ft_feedback"
                                + " ORDER BY case_reference")
                        .query((row, n) -> row.getString(1) + "|" + row.getTimestamp(2) + "|" + row.getObject(3)
                                + "|" + row.getString(4) + "|" + row.getString(5))
                        .list(),
                jdbc.sql("SELECT user_id, starts_at, ends_at, hand_over_to FROM ft_absence ORDER BY user_id, starts_at")
                        .query((row, n) -> row.getString(1) + "|" + row.getTimestamp(2) + "|" + row.getTimestamp(3)
                                + "|" + row.getString(4))
                        .list());
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
