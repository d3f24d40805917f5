package com.followthrough.promise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The promise record (table {@code ft_promise}), on the engine's DataSource and transaction. */
@Repository
public class Promises {

    private final JdbcClient jdbc;

    public Promises(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code step} here and in {@link #fulfil}, {@link #keptByANewTime} and {@link #breakPromise}: the activity
     * instance of the step that records it, which orders it among what happened in the same millisecond on the case's
     * timeline.
     */
    public long make(String caseReference, String processInstanceId, String step, String madeBy, Instant madeAt,
                     Instant dueAt, String nextActions, String callbackNumber) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ft_promise (case_reference, process_instance_id, made_in_step, made_by, made_at, due_at,
                    next_actions, callback_number, status)
                VALUES (:ref, :pid, :step, :madeBy, :madeAt, :dueAt, :nextActions, :callbackNumber, 'OPEN')
                """)
                .param("ref", caseReference)
                .param("pid", processInstanceId)
                .param("step", step)
                .param("madeBy", madeBy)
                .param("madeAt", Timestamp.from(madeAt))
                .param("dueAt", Timestamp.from(dueAt))
                .param("nextActions", nextActions)
                .param("callbackNumber", callbackNumber)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /**
     * The callback happened, and the promise is fulfilled: kept if it was still open and the call came by the promised
     * time. A call after it broke the promise at that time, against {@code caller}, also when the timer that records
     * a broken promise has not run yet (the job executor runs it a moment after the time, or later under load).
     */
    public void fulfil(long promiseId, Instant at, String caller, String step) {
        jdbc.sql("""
                UPDATE ft_promise
                SET status = CASE WHEN status <> 'OPEN' THEN status WHEN due_at >= :at THEN 'KEPT' ELSE 'BROKEN' END,
                    broken_at = CASE WHEN status = 'OPEN' AND due_at < :at THEN due_at ELSE broken_at END,
                    broken_holder = CASE WHEN status = 'OPEN' AND due_at < :at THEN :caller ELSE broken_holder END,
                    fulfilled_in_step = CASE WHEN fulfilled_at IS NULL THEN :step ELSE fulfilled_in_step END,
                    fulfilled_at = COALESCE(fulfilled_at, :at)
                WHERE id = :id
                """)
                .param("id", promiseId)
                .param("step", step)
                .param("at", Timestamp.from(at))
                .param("caller", caller)
                .update();
    }

    /**
     * A new time agreed with the customer replaces a promise still open (the voicemail's "we will try again by ..."):
     * they were reached before it fell due, so it is kept. A broken one stays as it is.
     */
    public void keptByANewTime(long promiseId, Instant at, String step) {
        jdbc.sql("""
                UPDATE ft_promise SET status = 'KEPT', fulfilled_at = :at, fulfilled_in_step = :step
                WHERE id = :id AND status = 'OPEN'
                """)
                .param("id", promiseId)
                .param("step", step)
                .param("at", Timestamp.from(at))
                .update();
    }

    /**
     * The promised time passed without a callback. The broken promise counts against whoever held the callback then,
     * not against whoever made it: the person the promise names as its caller ({@link Promise#caller()}: the callback
     * task's assignee, which {@code PromiseFollowsTheCallback} records on every change of hands), nobody while it
     * waits in a team's queue. The row knows it, so a late callback's firing asks no task for it (issue 16).
     */
    public void breakPromise(long promiseId, Instant at, String step) {
        jdbc.sql("""
                UPDATE ft_promise
                SET status = 'BROKEN', broken_at = :at, broken_in_step = :step,
                    broken_holder = CASE WHEN handed_to_team IS NULL THEN COALESCE(handed_to, made_by) END
                WHERE id = :id AND status = 'OPEN'
                """)
                .param("id", promiseId)
                .param("step", step)
                .param("at", Timestamp.from(at))
                .update();
    }

    /**
     * The KeepPromise instance {@code keepPromiseInstanceId} of the case {@code caseReference} was cancelled, alone or
     * with its case: the promises it keeps that are still open are cancelled at {@code at}, so none is counted as
     * owed, nor broken against anyone, when nobody will call. (By the case's reference too: that column is indexed.)
     */
    public void cancelOpenKeptBy(String caseReference, String keepPromiseInstanceId, Instant at) {
        jdbc.sql("""
                UPDATE ft_promise SET status = 'CANCELLED', cancelled_at = :at
                WHERE case_reference = :ref AND status = 'OPEN' AND process_instance_id = :pid
                """)
                .param("ref", caseReference)
                .param("pid", keepPromiseInstanceId)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** A supervisor took over the promise at risk; {@code handedTo} now calls the customer (may be the supervisor). */
    public void takeOver(long promiseId, String supervisor, String handedTo, Instant at) {
        jdbc.sql("""
                UPDATE ft_promise SET taken_over_by = :by, taken_over_at = :at, handed_to = :to, handed_to_team = NULL
                WHERE id = :id
                """)
                .param("id", promiseId)
                .param("by", supervisor)
                .param("to", handedTo)
                .param("at", Timestamp.from(at))
                .update();
    }

    /**
     * Promises broken from {@code from} until {@code to}, by whoever held the callback then (who made it, for promises
     * broken before the holder was recorded).
     */
    public Map<String, Long> brokenByHolder(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COALESCE(broken_holder, made_by) AS holder, COUNT(*) AS broken FROM ft_promise
                WHERE status = 'BROKEN' AND broken_at >= :from AND broken_at < :to
                GROUP BY COALESCE(broken_holder, made_by)
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> Map.entry(row.getString("holder"), row.getLong("broken")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The callback went to a colleague (a stand-in while its caller is away, someone who claimed it from the team's
     * queue): {@code handedTo} now calls the customer, and the updates that mention the agreed callback name them.
     * Nothing changes when the promise names them already ({@link Promise#caller()}).
     */
    public void handOver(long promiseId, String handedTo) {
        jdbc.sql("""
                UPDATE ft_promise SET handed_to = :to, handed_to_team = NULL
                WHERE id = :id AND status = 'OPEN'
                  AND (handed_to_team IS NOT NULL OR COALESCE(handed_to, made_by) <> :to)
                """)
                .param("id", promiseId)
                .param("to", handedTo)
                .update();
    }

    /**
     * The callback went to the queue of {@code team} (who held it is away, or gave it back): nobody in particular
     * calls now, so the updates that mention the agreed callback name our support team, not a former holder. Nothing
     * changes when it is in that queue already.
     */
    public void handOverToQueue(long promiseId, String team) {
        jdbc.sql("""
                UPDATE ft_promise SET handed_to = NULL, handed_to_team = :team
                WHERE id = :id AND status = 'OPEN'
                  AND (handed_to IS NOT NULL OR handed_to_team IS NULL OR handed_to_team <> :team)
                """)
                .param("id", promiseId)
                .param("team", team)
                .update();
    }

    public int countBroken(String caseReference) {
        return jdbc.sql("SELECT COUNT(*) FROM ft_promise WHERE case_reference = :ref AND status = 'BROKEN'")
                .param("ref", caseReference)
                .query(Integer.class)
                .single();
    }

    /**
     * The callback the customer is waiting for: promised, not made yet, and its time still ahead (a broken promise
     * is a supervisor's to keep, not one to repeat to the customer), and kept by a running KeepPromise (the instance
     * that recorded it, {@code process_instance_id}): a promise whose KeepPromise was cancelled has no callback task
     * and no timer behind it any more, so it is never announced as agreed. The latest, should there ever be two.
     */
    public Optional<Promise> pendingCallback(String caseReference, Instant now) {
        // ACT_RU_EXECUTION is the engine's runtime table (no table prefix is configured; see EngineTableIndexes): the
        // row whose ID_ is the process instance id exists exactly while that KeepPromise instance runs.
        return jdbc.sql("""
                SELECT p.* FROM ft_promise p
                WHERE p.case_reference = :ref AND p.status = 'OPEN' AND p.fulfilled_at IS NULL AND p.due_at > :now
                  AND EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.ID_ = p.process_instance_id)
                ORDER BY p.made_at DESC, p.id DESC
                """)
                .param("ref", caseReference)
                .param("now", Timestamp.from(now))
                .query(Promises::map)
                .list().stream().findFirst();
    }

    public List<Promise> ofCase(String caseReference) {
        return jdbc.sql("SELECT * FROM ft_promise WHERE case_reference = :ref ORDER BY made_at, id")
                .param("ref", caseReference)
                .query(Promises::map)
                .list();
    }

    private static Promise map(ResultSet row, int rowNum) throws SQLException {
        return new Promise(row.getLong("id"), row.getString("case_reference"), row.getString("made_by"),
                row.getTimestamp("made_at").toInstant(), row.getTimestamp("due_at").toInstant(),
                row.getString("next_actions"), row.getString("callback_number"),
                Promise.Status.valueOf(row.getString("status")), instant(row.getTimestamp("broken_at")),
                instant(row.getTimestamp("fulfilled_at")), row.getString("taken_over_by"),
                instant(row.getTimestamp("taken_over_at")), row.getString("handed_to"),
                row.getString("broken_holder"), row.getString("handed_to_team"),
                instant(row.getTimestamp("cancelled_at")), row.getString("made_in_step"),
                row.getString("fulfilled_in_step"), row.getString("broken_in_step"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
