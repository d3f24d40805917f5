package com.followthrough.insights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.followthrough.DatabaseTables;
import com.followthrough.cancellation.CancelledCases;
import com.followthrough.vocabulary.Processes;

/**
 * The case facts of cases that started before {@code ft_case_fact} existed (migration V6), rebuilt from the engine's
 * history by the rules {@link CaseFactRecorder} applies to its events: the variables of the case's own scope
 * (latest value), the steps it started and completed, the promises at risk of its KeepPromise instances; its
 * reference is its business key, as the engine holds it for every case. Run by the migration V16_6, before the engine
 * starts; a case already in {@code ft_case_fact} is left as the recorder wrote it, and a case still open goes on from
 * its rebuilt row. What the history no longer holds (a case the history cleanup removed) cannot be rebuilt; nor can
 * {@code ft_next_reply} (docs/analysts.md, "Records from older versions").
 */
public final class CaseFactsFromHistory {

    private static final Set<String> COMPLETED_COUNTS = Set.of("Task_PromiseCallback", "Event_CaseReopened",
            "Task_TellCustomerWorkResumes", "Task_OfferReimbursement", "Task_TraceDiscountOffer");
    /** The engine's state of a cancelled activity instance ({@code ACT_INST_STATE_}). */
    private static final int CANCELED = 2;

    private CaseFactsFromHistory() {
    }

    /** Inserts the missing rows; returns how many. None on a database without the engine's history tables. */
    public static int backfill(Connection connection) throws SQLException {
        if (!DatabaseTables.allExist(connection, "ACT_HI_PROCINST", "ACT_HI_VARINST", "ACT_HI_ACTINST",
                "ACT_RE_PROCDEF")) {
            return 0;
        }
        List<Map<String, Object>> facts = new ArrayList<>();
        try (PreparedStatement cases = connection.prepareStatement("""
                SELECT h.ID_, h.BUSINESS_KEY_, h.PROC_DEF_ID_, d.VERSION_, h.START_TIME_, h.END_TIME_, h.DELETE_REASON_,
                    h.STATE_
                FROM ACT_HI_PROCINST h JOIN ACT_RE_PROCDEF d ON d.ID_ = h.PROC_DEF_ID_
                WHERE d.KEY_ = ? AND h.ID_ = h.PROC_INST_ID_
                  AND NOT EXISTS (SELECT 1 FROM ft_case_fact f WHERE f.process_instance_id = h.ID_)
                  AND NOT EXISTS (SELECT 1 FROM ft_case_fact f WHERE f.case_reference = h.BUSINESS_KEY_)
                ORDER BY h.START_TIME_, h.ID_
                """)) {
            cases.setString(1, Processes.SUPPORT_CASE);
            Set<String> references = new HashSet<>();
            try (ResultSet row = cases.executeQuery()) {
                while (row.next()) {
                    String reference = row.getString("BUSINESS_KEY_");
                    if (reference != null && !references.add(reference)) {
                        continue; // the reference is unique among the facts; the first case that had it keeps it
                    }
                    Map<String, Object> fact = new LinkedHashMap<>();
                    fact.put("process_instance_id", row.getString("ID_"));
                    fact.put("case_reference", reference);
                    fact.put("process_definition_id", row.getString("PROC_DEF_ID_"));
                    fact.put("process_definition_version", row.getInt("VERSION_"));
                    fact.put("opened_at", row.getTimestamp("START_TIME_"));
                    fact.put("closed_at", row.getTimestamp("END_TIME_"));
                    fact.put("cancelled", CancelledCases.asRecorded(row.getString("DELETE_REASON_"),
                            row.getString("STATE_")));
                    facts.add(fact);
                }
            }
        }
        for (Map<String, Object> fact : facts) {
            insert(connection, rebuilt(connection, fact));
        }
        solvedOutcome(connection, facts);
        return facts.size();
    }

    /** The rebuilt cases that closed and were not cancelled: how they were solved, by the recorder's rule. */
    private static void solvedOutcome(Connection connection, List<Map<String, Object>> facts) throws SQLException {
        try (PreparedStatement solved = connection.prepareStatement("UPDATE ft_case_fact SET outcome = "
                + CaseFactRecorder.HOW_IT_WAS_SOLVED + " WHERE process_instance_id = ?")) {
            for (Map<String, Object> fact : facts) {
                if (fact.get("closed_at") != null && fact.get("outcome") == null) {
                    solved.setString(1, (String) fact.get("process_instance_id"));
                    solved.addBatch();
                }
            }
            solved.executeBatch();
        }
    }

    private static Map<String, Object> rebuilt(Connection connection, Map<String, Object> fact) throws SQLException {
        String id = (String) fact.get("process_instance_id");
        Timestamp opened = (Timestamp) fact.get("opened_at");
        Timestamp closed = (Timestamp) fact.get("closed_at");
        boolean cancelled = (Boolean) fact.remove("cancelled");
        variables(connection, id, opened, fact);
        int specialists = 0;
        int supervisors = 0;
        Map<String, Integer> completed = new HashMap<>();
        String stage = "opened";
        try (PreparedStatement steps = connection.prepareStatement("""
                SELECT ACT_ID_, END_TIME_, ACT_INST_STATE_ FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ?
                ORDER BY START_TIME_, SEQUENCE_COUNTER_
                """)) {
            steps.setString(1, id);
            try (ResultSet step = steps.executeQuery()) {
                while (step.next()) {
                    String activity = step.getString("ACT_ID_");
                    stage = CaseFactRecorder.STAGES.getOrDefault(activity, stage);
                    if ("Task_DiagnoseAsSpecialist".equals(activity)) {
                        specialists++;
                    } else if (CaseFactRecorder.SUPERVISOR_ESCALATIONS.contains(activity)) {
                        supervisors++;
                    }
                    if (step.getTimestamp("END_TIME_") != null && step.getInt("ACT_INST_STATE_") != CANCELED
                            && COMPLETED_COUNTS.contains(activity)) {
                        completed.merge(activity, 1, Integer::sum);
                    }
                }
            }
        }
        supervisors += promisesAtRisk(connection, (String) fact.get("case_reference"));
        int promises = completed.getOrDefault("Task_PromiseCallback", 0);
        fact.put("specialist_escalations", specialists);
        fact.put("supervisor_escalations", supervisors);
        fact.put("promises_made", promises);
        fact.put("reopened", completed.getOrDefault("Event_CaseReopened", 0)
                + completed.getOrDefault("Task_TellCustomerWorkResumes", 0));
        fact.put("reimbursement_offered", completed.containsKey("Task_OfferReimbursement"));
        fact.put("discount_traced", completed.containsKey("Task_TraceDiscountOffer"));
        fact.put("stage", closed == null ? stage : "closed");
        fact.put("duration_minutes", closed == null ? null : minutes(opened, closed.toInstant()));
        // A case that closed solved gets its outcome from its inserted row (solvedOutcome), as the recorder gives it.
        fact.put("outcome", closed != null && cancelled ? "cancelled" : null);
        return fact;
    }

    /** The variables of the case's own scope the recorder keeps, their latest values. */
    private static void variables(Connection connection, String id, Timestamp opened, Map<String, Object> fact)
            throws SQLException {
        try (PreparedStatement variables = connection.prepareStatement("""
                SELECT NAME_, TEXT_, LONG_, DOUBLE_ FROM ACT_HI_VARINST WHERE PROC_INST_ID_ = ? AND ACT_INST_ID_ = ?
                ORDER BY CREATE_TIME_, ID_
                """)) {
            variables.setString(1, id);
            variables.setString(2, id);
            boolean offered = false;
            try (ResultSet variable = variables.executeQuery()) {
                while (variable.next()) {
                    String text = variable.getString("TEXT_");
                    long number = variable.getLong("LONG_");
                    Long longValue = variable.wasNull() ? null : number;
                    double decimal = variable.getDouble("DOUBLE_");
                    Double doubleValue = variable.wasNull() ? null : decimal;
                    CaseFactColumn column = CaseFactColumn.BY_VARIABLE.get(variable.getString("NAME_"));
                    if (column == null || "case_reference".equals(column.column())) {
                        continue; // the reference is the business key, by which the case was found
                    }
                    String name = variable.getString("NAME_");
                    if (CaseFactColumn.AMOUNT_DECIDED.equals(name) && offered) {
                        continue; // the amount offered in all stands, as the recorder keeps it
                    }
                    offered |= CaseFactColumn.AMOUNT_OFFERED.equals(name);
                    if (column.isMoment()) {
                        moment(fact, column.column(), column.minutesColumn(), opened, longValue);
                    } else {
                        fact.put(column.column(), column.value().apply(
                                new CaseFactColumn.Stored(text, longValue, doubleValue)));
                    }
                }
            }
        }
    }

    /** "Keep the promise at risk" started in a KeepPromise of the case (its business key is the case reference). */
    private static int promisesAtRisk(Connection connection, String reference) throws SQLException {
        if (reference == null) {
            return 0;
        }
        try (PreparedStatement count = connection.prepareStatement("""
                SELECT COUNT(*) FROM ACT_HI_ACTINST a JOIN ACT_HI_PROCINST k ON k.ID_ = a.PROC_INST_ID_
                JOIN ACT_RE_PROCDEF d ON d.ID_ = k.PROC_DEF_ID_
                WHERE k.BUSINESS_KEY_ = ? AND d.KEY_ = ? AND a.ACT_ID_ = ?
                """)) {
            count.setString(1, reference);
            count.setString(2, Processes.KEEP_PROMISE);
            count.setString(3, Processes.KEEP_PROMISE_AT_RISK);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void moment(Map<String, Object> fact, String column, String minutesColumn, Timestamp opened,
                               Long epochMillis) {
        Instant at = epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
        fact.put(column, at == null ? null : Timestamp.from(at));
        fact.put(minutesColumn, at == null ? null : minutes(opened, at));
    }

    private static Double minutes(Timestamp opened, Instant at) {
        return Duration.between(opened.toInstant(), at).toMillis() / 60_000.0;
    }

    private static void insert(Connection connection, Map<String, Object> fact) throws SQLException {
        String columns = String.join(", ", fact.keySet());
        String values = String.join(", ", fact.keySet().stream().map(column -> "?").toList());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ft_case_fact (" + columns + ") VALUES (" + values + ")")) {
            int index = 1;
            for (Object value : fact.values()) {
                insert.setObject(index++, value);
            }
            insert.executeUpdate();
        }
    }
}
