package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;

/**
 * Camunda's "verify user" ({@code POST .../identity/verify}) checks any user's password, past the login's defences,
 * and a wrong one counts toward that user's lockout: only administrators call it (no webapp does). A colleague or the
 * intake system gets a {@code 403} and nothing is checked: no guess is answered, none counts against the victim.
 */
@FollowThroughSpringTest
class PasswordVerificationTest {

    private static final String WEBAPP_ENGINE_API = "/camunda/api/engine/engine/default";

    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();

    PasswordVerificationTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void letMariaSignInAgain() {
        identityService.unlockUser("maria");
    }

    @ParameterizedTest
    @CsvSource({"anna, /engine-rest", "sam, /engine-rest", "maria, /engine-rest", "alex, /engine-rest",
            "dana, /engine-rest", "portal, /engine-rest", "anna, /engine-rest/engine/default"})
    void noOneButAnAdministratorTestsSomeonesPassword(String user, String api) throws Exception {
        for (String guess : new String[] {"maria", "wrong-guess", "another-guess"}) {
            HttpResponse<String> verify = http.postJson(api + "/identity/verify", user + ":" + user,
                    "{\"username\": \"maria\", \"password\": \"" + guess + "\"}");

            assertThat(verify.statusCode()).as(verify.body()).isEqualTo(403);
            assertThat(body(verify).path("message").asText()).contains("Only administrators verify a password");
            assertThat(verify.body()).doesNotContain("authenticated");
        }

        assertThat(failedAttemptsOf("maria")).isZero();
        assertThat(http.get("/engine-rest/task/count", "maria:maria").statusCode()).isEqualTo(200);
    }

    /** Tasklist, Cockpit and Admin never call it, so not even one's own password is checked there. */
    @Test
    void aTasklistSessionTestsNoPasswordNotEvenItsOwn() throws Exception {
        AppHttp.WebappSession anna = http.signIn("tasklist", "anna");

        HttpResponse<String> colleagues = anna.postJson(WEBAPP_ENGINE_API + "/identity/verify",
                "{\"username\": \"maria\", \"password\": \"wrong-guess\"}");
        HttpResponse<String> own = anna.postJson(WEBAPP_ENGINE_API + "/identity/verify",
                "{\"username\": \"anna\", \"password\": \"anna\"}");

        assertThat(colleagues.statusCode()).as(colleagues.body()).isEqualTo(403);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(failedAttemptsOf("maria")).isZero();
    }

    /** An administrator's wrong answer counts toward the user's lockout as a failed sign-in does (the engine's). */
    @Test
    void anAdministratorVerifiesAPassword() throws Exception {
        HttpResponse<String> right = http.postJson("/engine-rest/identity/verify", "demo:demo",
                "{\"username\": \"maria\", \"password\": \"maria\"}");
        HttpResponse<String> wrong = http.postJson("/engine-rest/identity/verify", "demo:demo",
                "{\"username\": \"maria\", \"password\": \"wrong-guess\"}");

        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(body(right).path("authenticatedUser").asText()).isEqualTo("maria");
        assertThat(body(right).path("authenticated").asBoolean()).isTrue();
        assertThat(body(wrong).path("authenticated").asBoolean()).as(wrong.body()).isFalse();
        assertThat(failedAttemptsOf("maria")).isEqualTo(1);
    }

    /** The engine's count of failed password checks since the user's last good one (no public API reads it). */
    private int failedAttemptsOf(String userId) {
        return jdbc.sql("SELECT COALESCE(ATTEMPTS_, 0) FROM ACT_ID_USER WHERE ID_ = ?").param(userId)
                .query(Integer.class).single();
    }

    private JsonNode body(HttpResponse<String> answer) throws Exception {
        return json.readTree(answer.body());
    }
}
