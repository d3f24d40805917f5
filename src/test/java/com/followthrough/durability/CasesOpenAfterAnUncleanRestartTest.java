package com.followthrough.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TestPostgres;

/**
 * The app's start on a database that came back from a {@code kill -9} with its message ids behind its messages and
 * its case references behind its cases (H2, see {@code EmbeddedDatabaseRecoveryTest}): the next case opens, with a
 * reference of its own and its acknowledgment, instead of a 500 for a duplicate message id, as a retried case got in
 * {@link AnsweredCasesSurviveACrashIT} on 5 December.
 */
@FollowThroughSpringTest
class CasesOpenAfterAnUncleanRestartTest {

    private static final String CASE = """
            {"customer": {"name": "Ines Restart", "email": "ines@example.org", "phone": "+1 555 0199", "plan": "standard"},
             "language": "en", "channel": "email", "priority": "normal",
             "subject": "Parcel missing", "description": "The tracking page has not moved for a week."}""";

    @Autowired Flyway flyway;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;

    @Test
    void aCaseOpensWithItsAcknowledgmentWhenTheIdsCameBackBehindTheRows() throws Exception {
        assumeFalse(TestPostgres.isTheTestDatabase(), "H2's generators; PostgreSQL writes its sequences to its log");
        AppHttp http = new AppHttp(port);
        assertThat(http.postJson("/api/cases", "portal:portal", CASE).statusCode()).isEqualTo(201);
        jdbc.execute("ALTER TABLE ft_customer_message ALTER COLUMN id RESTART WITH 1");
        jdbc.execute("ALTER SEQUENCE ft_case_reference_seq RESTART WITH 1");

        flyway.migrate(); // what the app's start runs before the engine and the web server

        HttpResponse<String> opened = http.postJson("/api/cases", "portal:portal", CASE);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String reference = opened.body().replaceAll(".*\"reference\":\"([^\"]+)\".*", "$1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ft_customer_message WHERE case_reference = ? AND kind = ?",
                Integer.class, reference, "ACKNOWLEDGMENT")).isEqualTo(1);
    }
}
