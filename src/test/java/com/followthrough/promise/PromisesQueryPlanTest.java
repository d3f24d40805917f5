package com.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.EngineQueries;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TestPostgres;

/**
 * The promises a KeepPromise instance recorded are found by its id ({@code ft_promise.process_instance_id}) through
 * an index (V16_18), not by reading every promise ever made: the data repair V16_13 looks them up by that id alone,
 * {@link Promises#cancelOpenKeptBy} and {@link Promises#pendingCallback} beside the case's reference. Runs on H2 and
 * in the PostgreSQL suite.
 */
@FollowThroughSpringTest
class PromisesQueryPlanTest {

    private static final String INDEX = "IX_FT_PROMISE_PROCESS_INSTANCE";

    @Autowired DataSource dataSource;

    @Test
    void thePromisesOfOneKeepPromiseAreReadThroughTheirIndex() throws SQLException {
        String sql = "SELECT id FROM ft_promise WHERE process_instance_id = ?";

        // PostgreSQL rightly scans the test's few promises whole; at a production size it reads by index.
        String plan = TestPostgres.isTheTestDatabase()
                ? EngineQueries.explain(dataSource, "EXPLAIN", sql, List.of("a-keep-promise"),
                        "enable_seqscan = off", "enable_bitmapscan = off")
                : EngineQueries.explain(dataSource, "EXPLAIN", sql, List.of("a-keep-promise"));

        assertThat(plan).as(plan).containsIgnoringCase(INDEX).doesNotContainIgnoringCase("tableScan");
    }
}
