package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;

/**
 * The insights queries read through indexes, never a whole table: what H2's EXPLAIN says the database will do
 * (PostgreSQL plans the same indexes; see docs/analysts.md). A table scan here would grow with the history.
 */
@FollowThroughSpringTest
class InsightsQueryPlanTest {

    @Autowired Insights insights;
    @Autowired JdbcClient jdbc;

    @Test
    void everyInsightsQueryReadsThroughAnIndexAndJoinsByIndex() {
        for (InsightsFilter filter : List.of(
                new InsightsFilter(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 23), null, null, null),
                new InsightsFilter(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 23), "premium", "de", 3))) {
            Insights.Where where = insights.where(filter);
            List<String> statements = new ArrayList<>(insights.queries(filter));
            statements.add(CaseHistory.countSql(where.sql()));
            statements.add(CaseHistory.pageSql(where.sql()));
            for (String statement : statements) {
                String plan = explain(statement, where.params());

                // H2 starts from the case facts' opening-period index or, when its statistics favour it, from the
                // promises or surveys of the period (made_at, sent_at) and joins the facts by reference: never a scan.
                // The next replies of the period may lead (received_at), joining the facts by their key.
                if (statement.contains("ft_next_reply r")) {
                    assertThat(plan).as(plan).containsPattern("IX_FT_CASE_FACT_OPENED|IX_FT_NEXT_REPLY_RECEIVED[\\s\\S]*"
                            + "PRIMARY_KEY_\\w+: PROCESS_INSTANCE_ID = R.PROCESS_INSTANCE_ID");
                } else {
                    assertThat(plan).as(plan).containsAnyOf("IX_FT_CASE_FACT_OPENED", "IX_FT_CASE_FACT_REFERENCE");
                }
                assertThat(plan).as(plan).doesNotContainIgnoringCase("tableScan");
                if (statement.contains("ft_promise p")) {
                    assertThat(plan).as(plan).containsAnyOf("IX_FT_PROMISE_CASE", "IX_FT_PROMISE_MADE");
                }
                if (statement.contains("ft_feedback fb")) {
                    assertThat(plan).as(plan).containsPattern("(PRIMARY_KEY_\\w+: CASE_REFERENCE = F.CASE_REFERENCE"
                            + "|IX_FT_FEEDBACK_SENT)");
                }
            }
        }
    }

    @Test
    void theClosedCasesOfOneDefinitionUseTheDefinitionIndex() {
        InsightsFilter filter = new InsightsFilter(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 23), null, null,
                null);
        Map<String, Object> params = new HashMap<>(insights.where(filter).params());
        params.put("definition", "SupportCase:1:1");

        String plan = explain(CaseHistory.pageSql(insights.where(filter).sql() + " AND f.process_definition_id = :definition"),
                params);

        assertThat(plan).as(plan).containsAnyOf("IX_FT_CASE_FACT_DEFINITION", "IX_FT_CASE_FACT_OPENED")
                .doesNotContainIgnoringCase("tableScan");
    }

    @Test
    void aCaseIsFoundByItsReferenceThroughTheUniqueIndex() {
        String plan = explain("SELECT * FROM ft_case_fact f WHERE f.case_reference = :reference",
                Map.of("reference", "SC-2026-000001"));

        assertThat(plan).as(plan).contains("IX_FT_CASE_FACT_REFERENCE");
    }

    private String explain(String statement, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.putIfAbsent("now", new Timestamp(0));
        all.putIfAbsent("first", 0);
        all.putIfAbsent("max", 50);
        return String.join("\n", jdbc.sql("EXPLAIN " + statement).params(all).query(String.class).list());
    }
}
