package com.followthrough.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.discount.DiscountRequests;

/**
 * The support KPIs, counted from {@code ft_case_fact} and our promise and feedback tables, each query narrowed by
 * the index on the opening period ({@code ix_ft_case_fact_opened}); promises and surveys also by when they were made
 * or sent (never before the period began), so no query reads a whole table, and none the engine's history.
 */
@Service
public class Insights {

    static final String CURRENCY = "EUR";

    private final JdbcClient jdbc;
    private final IdentityService identityService;
    private final EngineClock clock;
    private final ZoneId zone;

    public Insights(JdbcClient jdbc, IdentityService identityService, EngineClock clock, SupportProperties properties) {
        this.jdbc = jdbc;
        this.identityService = identityService;
        this.clock = clock;
        this.zone = properties.support().timeZone();
    }

    /** The support time zone: the days of the filter, and the zone Cockpit's views write times in. */
    public ZoneId zone() {
        return zone;
    }

    /** Today in the support time zone: the default filter ends today. */
    public LocalDate today() {
        return clock.now().atZone(zone).toLocalDate();
    }

    /** The filter's conditions on {@code ft_case_fact f} and their parameters. */
    record Where(String sql, Map<String, Object> params) {
    }

    Where where(InsightsFilter filter) {
        StringBuilder sql = new StringBuilder("f.opened_at < :openedBefore");
        Map<String, Object> params = new HashMap<>();
        params.put("openedBefore", Timestamp.from(filter.openedBefore(zone)));
        if (filter.from() != null) {
            sql.append(" AND f.opened_at >= :openedFrom");
            params.put("openedFrom", Timestamp.from(filter.openedFrom(zone)));
        }
        if (filter.plan() != null) {
            sql.append(" AND f.plan = :plan");
            params.put("plan", filter.plan());
        }
        if (filter.language() != null) {
            sql.append(" AND f.language = :language");
            params.put("language", filter.language());
        }
        if (filter.processVersion() != null) {
            sql.append(" AND f.process_definition_version = :version");
            params.put("version", filter.processVersion());
        }
        return new Where(sql.toString(), params);
    }

    /** The statements {@link #of} runs, for the query-plan check. */
    List<String> queries(InsightsFilter filter) {
        String where = where(filter).sql();
        return List.of(caseSql(where), stageSql(where), promiseSql(where), brokenByOwnerSql(where), feedbackSql(where),
                discountSourceSql(where), nextReplySql(where));
    }

    public SupportInsights of(InsightsFilter filter) {
        Where where = where(filter);
        Map<String, Object> params = new HashMap<>(where.params());
        params.put("now", Timestamp.from(clock.now()));

        CaseCounts counts = jdbc.sql(caseSql(where.sql())).params(params).query(Insights::caseCounts).single();
        List<SupportInsights.StageCount> stages = jdbc.sql(stageSql(where.sql())).params(where.params())
                .query((row, n) -> new SupportInsights.StageCount(row.getString(1), row.getLong(2))).list();
        Map<String, Long> promises = jdbc.sql(promiseSql(where.sql())).params(where.params())
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Long> brokenByOwner = jdbc.sql(brokenByOwnerSql(where.sql())).params(where.params())
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
        Feedback feedback = jdbc.sql(feedbackSql(where.sql())).params(where.params())
                .query(Insights::feedback).single();
        List<DiscountSource> discountSources = jdbc.sql(discountSourceSql(where.sql())).params(where.params())
                .query((row, n) -> new DiscountSource(row.getString(1), row.getString(2), row.getLong(3))).list();

        SupportInsights.NextReply nextReply = jdbc.sql(nextReplySql(where.sql())).params(params)
                .query(Insights::nextReply).single();

        long kept = promises.getOrDefault("KEPT", 0L);
        long broken = promises.getOrDefault("BROKEN", 0L);
        long open = promises.getOrDefault("OPEN", 0L);
        long cancelled = promises.getOrDefault("CANCELLED", 0L);
        return new SupportInsights(filter,
                new SupportInsights.Cases(counts.opened, counts.open, counts.opened - counts.open, stages),
                new SupportInsights.FirstResponse(counts.firstResponseMeasured, counts.firstResponseOnTime,
                        percent(counts.firstResponseOnTime, counts.firstResponseMeasured),
                        counts.firstResponseMedian, counts.firstResponseP90),
                nextReply,
                new SupportInsights.Resolution(counts.resolutionMeasured, counts.resolutionMedian, counts.resolutionP90),
                new SupportInsights.Promises(kept + broken + open + cancelled, kept, broken, open, cancelled,
                        percent(kept, kept + broken), owners(brokenByOwner)),
                new SupportInsights.Escalations(counts.toSpecialists, counts.toSupervisors, counts.toAdministrators),
                new SupportInsights.Reimbursements(counts.offered, counts.offered - counts.offeredOnRequest,
                        counts.offeredOnRequest, counts.approved, counts.declined, counts.amountOffered, CURRENCY),
                new SupportInsights.DiscountRequests(counts.discountRequested, counts.discountTraced,
                        discountSources(discountSources)),
                feedback.satisfaction, feedback.lastChance,
                new SupportInsights.Resolution(counts.firstResolutionMeasured, counts.firstResolutionMedian,
                        counts.firstResolutionP90),
                new SupportInsights.Resolution(counts.resolutionMeasured, counts.resolutionMedian, counts.resolutionP90),
                new SupportInsights.WaitingOnCustomer(counts.casesPaused, counts.pausedMinutes), zone.getId());
    }

    private static String caseSql(String where) {
        return """
                SELECT COUNT(*) AS opened,
                    SUM(CASE WHEN f.closed_at IS NULL THEN 1 ELSE 0 END) AS still_open,
                    SUM(CASE WHEN f.first_responded_at IS NOT NULL
                        OR f.first_response_due_at < COALESCE(f.first_resolved_at, f.resolved_at, f.closed_at, :now)
                        THEN 1 ELSE 0 END) AS fr_measured,
                    SUM(CASE WHEN f.first_responded_at <= f.first_response_due_at THEN 1 ELSE 0 END) AS fr_on_time,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.first_response_minutes) AS fr_median,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.first_response_minutes) AS fr_p90,
                    COUNT(f.resolution_minutes) AS res_measured,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.resolution_minutes) AS res_median,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.resolution_minutes) AS res_p90,
                    COUNT(f.first_resolution_minutes) AS first_res_measured,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.first_resolution_minutes) AS first_res_median,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.first_resolution_minutes) AS first_res_p90,
                    SUM(CASE WHEN f.paused_minutes > 0 THEN 1 ELSE 0 END) AS cases_paused,
                    COALESCE(SUM(f.paused_minutes), 0) AS paused_minutes,
                    COALESCE(SUM(f.specialist_escalations), 0) AS to_specialists,
                    COALESCE(SUM(f.supervisor_escalations), 0) AS to_supervisors,
                    COALESCE(SUM(f.administrator_escalations), 0) AS to_administrators,
                    SUM(CASE WHEN f.reimbursement_offered THEN 1 ELSE 0 END) AS offered,
                    SUM(CASE WHEN f.reimbursement_offered AND (EXISTS (SELECT 1 FROM ft_discount_request r
                            WHERE r.case_reference = f.case_reference AND r.requested_at <= COALESCE((SELECT
                                MIN(m.created_at) FROM ft_customer_message m WHERE m.case_reference = f.case_reference
                                AND m.direction = 'OUTBOUND' AND m.kind = 'REIMBURSEMENT_OFFER'), r.requested_at))
                        OR (f.discount_requested AND NOT EXISTS (SELECT 1 FROM ft_discount_request r
                            WHERE r.case_reference = f.case_reference))) THEN 1 ELSE 0 END)
                        AS offered_on_request,
                    SUM(CASE WHEN f.reimbursement_approval = 'approve' THEN 1 ELSE 0 END) AS approved,
                    SUM(CASE WHEN f.reimbursement_approval = 'decline' THEN 1 ELSE 0 END) AS declined,
                    COALESCE(SUM(CASE WHEN f.reimbursement_offered THEN f.reimbursement_amount END), 0) AS amount_offered,
                    SUM(CASE WHEN f.discount_requested OR EXISTS (SELECT 1 FROM ft_discount_request r
                        WHERE r.case_reference = f.case_reference) THEN 1 ELSE 0 END) AS discount_requested,
                    SUM(CASE WHEN f.discount_traced THEN 1 ELSE 0 END) AS discount_traced
                FROM ft_case_fact f WHERE\s""" + where;
    }

    private static String stageSql(String where) {
        return "SELECT f.stage, COUNT(*) FROM ft_case_fact f WHERE " + where
                + " AND f.closed_at IS NULL GROUP BY f.stage ORDER BY COUNT(*) DESC, f.stage";
    }

    private static String promiseSql(String where) {
        return "SELECT p.status, COUNT(*) FROM ft_case_fact f JOIN ft_promise p ON p.case_reference = f.case_reference"
                + " WHERE " + where + " AND p.made_at >= :openedFrom GROUP BY p.status";
    }

    /**
     * Broken promises by whoever held the callback when the time passed ({@code broken_holder}); promises broken
     * before that was recorded count against who made them.
     */
    private static String brokenByOwnerSql(String where) {
        return "SELECT COALESCE(p.broken_holder, p.made_by) AS holder, COUNT(*) FROM ft_case_fact f"
                + " JOIN ft_promise p ON p.case_reference = f.case_reference"
                + " WHERE " + where + " AND p.made_at >= :openedFrom AND p.status = 'BROKEN'"
                + " GROUP BY COALESCE(p.broken_holder, p.made_by) ORDER BY COUNT(*) DESC, holder";
    }

    /** Discount requests by the step that heard them and the person who recorded them (C: find out who offers it). */
    private static String discountSourceSql(String where) {
        return "SELECT r.step, r.recorded_by, COUNT(*) FROM ft_case_fact f"
                + " JOIN ft_discount_request r ON r.case_reference = f.case_reference"
                + " WHERE " + where + " AND r.requested_at >= :openedFrom"
                + " GROUP BY r.step, r.recorded_by ORDER BY COUNT(*) DESC, r.step, r.recorded_by";
    }

    private record DiscountSource(String step, String recordedBy, long requests) {
    }

    private List<SupportInsights.DiscountSource> discountSources(List<DiscountSource> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        Map<String, User> users = identityService.createUserQuery()
                .userIdIn(sources.stream().map(DiscountSource::recordedBy).distinct().toArray(String[]::new)).list()
                .stream().collect(Collectors.toMap(User::getId, Function.identity()));
        return sources.stream().map(source -> new SupportInsights.DiscountSource(source.step(),
                        DiscountRequests.STEPS.getOrDefault(source.step(), source.step()), source.recordedBy(),
                        name(users.get(source.recordedBy())), source.requests()))
                .toList();
    }

    /** The answers to messages of the cases opened in the period; those messages arrived after the period began. */
    private static String nextReplySql(String where) {
        return """
                SELECT COUNT(*) AS messages,
                    SUM(CASE WHEN r.replied_at IS NOT NULL OR r.due_at < :now THEN 1 ELSE 0 END) AS measured,
                    SUM(CASE WHEN r.replied_at <= r.due_at THEN 1 ELSE 0 END) AS on_time,
                    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.reply_minutes) AS median,
                    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.reply_minutes) AS p90
                FROM ft_case_fact f JOIN ft_next_reply r ON r.process_instance_id = f.process_instance_id
                WHERE r.received_at >= :openedFrom AND\s""" + where;
    }

    private static SupportInsights.NextReply nextReply(ResultSet row, int rowNum) throws SQLException {
        long measured = row.getLong("measured");
        long onTime = row.getLong("on_time");
        return new SupportInsights.NextReply(row.getLong("messages"), measured, onTime, percent(onTime, measured),
                decimal(row, "median"), decimal(row, "p90"));
    }

    private static String feedbackSql(String where) {
        return """
                SELECT COUNT(*) AS sent, COUNT(fb.answered_at) AS answered, AVG(CAST(fb.rating AS DOUBLE PRECISION)) AS average,
                    SUM(CASE WHEN fb.rating = 1 THEN 1 ELSE 0 END) AS r1, SUM(CASE WHEN fb.rating = 2 THEN 1 ELSE 0 END) AS r2,
                    SUM(CASE WHEN fb.rating = 3 THEN 1 ELSE 0 END) AS r3, SUM(CASE WHEN fb.rating = 4 THEN 1 ELSE 0 END) AS r4,
                    SUM(CASE WHEN fb.rating = 5 THEN 1 ELSE 0 END) AS r5,
                    COUNT(fb.last_chance_outcome) AS calls,
                    SUM(CASE WHEN fb.last_chance_outcome = 'stays' THEN 1 ELSE 0 END) AS stays,
                    SUM(CASE WHEN fb.last_chance_outcome = 'leaves' THEN 1 ELSE 0 END) AS leaves,
                    SUM(CASE WHEN fb.last_chance_outcome = 'noAnswer' THEN 1 ELSE 0 END) AS no_answer
                FROM ft_case_fact f JOIN ft_feedback fb ON fb.case_reference = f.case_reference
                WHERE fb.sent_at >= :openedFrom AND\s""" + where;
    }

    private record CaseCounts(long opened, long open, long firstResponseMeasured, long firstResponseOnTime,
                              Double firstResponseMedian, Double firstResponseP90, long resolutionMeasured,
                              Double resolutionMedian, Double resolutionP90, long toSpecialists, long toSupervisors,
                              long toAdministrators,
                              long offered, long offeredOnRequest, long approved, long declined,
                              BigDecimal amountOffered, long discountRequested, long discountTraced,
                              long firstResolutionMeasured, Double firstResolutionMedian, Double firstResolutionP90,
                              long casesPaused, long pausedMinutes) {
    }

    private static CaseCounts caseCounts(ResultSet row, int rowNum) throws SQLException {
        return new CaseCounts(row.getLong("opened"), row.getLong("still_open"), row.getLong("fr_measured"),
                row.getLong("fr_on_time"), decimal(row, "fr_median"), decimal(row, "fr_p90"),
                row.getLong("res_measured"), decimal(row, "res_median"), decimal(row, "res_p90"),
                row.getLong("to_specialists"), row.getLong("to_supervisors"), row.getLong("to_administrators"),
                row.getLong("offered"),
                row.getLong("offered_on_request"), row.getLong("approved"), row.getLong("declined"),
                row.getBigDecimal("amount_offered").setScale(2, RoundingMode.HALF_UP),
                row.getLong("discount_requested"), row.getLong("discount_traced"),
                row.getLong("first_res_measured"), decimal(row, "first_res_median"), decimal(row, "first_res_p90"),
                row.getLong("cases_paused"), row.getLong("paused_minutes"));
    }

    private record Feedback(SupportInsights.Satisfaction satisfaction, SupportInsights.LastChance lastChance) {
    }

    private static Feedback feedback(ResultSet row, int rowNum) throws SQLException {
        Map<String, Long> ratings = new LinkedHashMap<>();
        for (int rating = 1; rating <= 5; rating++) {
            ratings.put(String.valueOf(rating), row.getLong("r" + rating));
        }
        return new Feedback(
                new SupportInsights.Satisfaction(row.getLong("sent"), row.getLong("answered"),
                        decimal(row, "average"), ratings),
                new SupportInsights.LastChance(row.getLong("calls"), row.getLong("stays"), row.getLong("leaves"),
                        row.getLong("no_answer")));
    }

    private List<SupportInsights.OwnerCount> owners(Map<String, Long> brokenByOwner) {
        if (brokenByOwner.isEmpty()) {
            return List.of();
        }
        // Names of the users the signed-in user may read; an id stands for itself otherwise.
        Map<String, User> users = identityService.createUserQuery()
                .userIdIn(brokenByOwner.keySet().toArray(String[]::new)).list().stream()
                .collect(Collectors.toMap(User::getId, Function.identity()));
        return brokenByOwner.entrySet().stream()
                .map(owner -> new SupportInsights.OwnerCount(owner.getKey(), name(users.get(owner.getKey())),
                        owner.getValue()))
                .toList();
    }

    private static String name(User user) {
        return user == null ? null : (user.getFirstName() + " " + user.getLastName()).trim();
    }

    /** A decimal column (minutes, an average) to one decimal, or null when nothing was measured. */
    private static Double decimal(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : oneDecimal(value);
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : oneDecimal(100.0 * part / whole);
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
