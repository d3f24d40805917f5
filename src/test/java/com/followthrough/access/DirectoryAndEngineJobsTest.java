package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.process.CaseDriver;

/**
 * What each role reads of the directory (users, groups) and of the engine's own jobs (the history cleanup's, which
 * belongs to no case) through {@code /engine-rest} and the webapps' engine API. Staff read their colleagues' names
 * and groups, which Tasklist shows for assignees and candidate groups; the intake system ({@code portal}, an outside
 * system) reads no one. The engine's own jobs, their failures and their log (with the host name of the node that ran
 * them) are read by who follows jobs in Cockpit (supervisors, analysts) and by administrators; the engine showed them
 * to everyone signed in, since it checks no grant on a job of no case; for the same reason it let everyone signed in
 * change or run that job. A user's own record is theirs to read and update (their password, in Camunda's Welcome page),
 * not to delete. {@link AuthorizationMatrixTest} has the table.
 */
@FollowThroughSpringTest
class DirectoryAndEngineJobsTest {

    @Autowired ProcessEngine engine;

    private final AppHttp http;
    private final ObjectMapper json = new ObjectMapper();

    DirectoryAndEngineJobsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/user", "/user?id=anna", "/user/anna/profile", "/user/portal/profile", "/group",
            "/group?member=anna", "/group/agents", "/user/count", "/group/count", "/engine/default/user",
            "/identity/groups?userId=anna"})
    void theIntakeSystemReadsNoOneOfTheDirectory(String path) throws Exception {
        HttpResponse<String> read = http.get("/engine-rest" + path, "portal:portal");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
        assertThat(body(read).path("message").asText()).contains("intake");
        assertThat(read.body()).doesNotContain("@follow-through.example").doesNotContain("Clarke")
                .doesNotContain("agents-en");
    }

    /** Tasklist shows the assignee's and the candidates' names: staff read them (and, with them, the e-mail). */
    @ParameterizedTest
    @ValueSource(strings = {"anna", "sam", "maria", "alex", "demo"})
    void staffReadTheirColleaguesNamesAndGroups(String user) throws Exception {
        HttpResponse<String> users = http.get("/engine-rest/user?idIn=anna,jonas", user + ":" + user);
        HttpResponse<String> groups = http.get("/engine-rest/group?member=anna", user + ":" + user);

        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        assertThat(body(users).findValuesAsText("lastName")).containsExactlyInAnyOrder("Clarke", "Becker");
        assertThat(body(groups).findValuesAsText("id")).contains("agents-en");
    }

    @ParameterizedTest
    @CsvSource({"anna, /engine-rest", "sam, /engine-rest", "dana, /engine-rest", "portal, /engine-rest",
            "anna, /engine-rest/engine/default"})
    void whoDoesNotFollowJobsReadsNoneOfTheEnginesOwn(String user, String api) throws Exception {
        String cleanup = historyCleanupJob().getId();
        String credentials = user + ":" + user;

        HttpResponse<String> jobs = http.get(api + "/job", credentials);
        HttpResponse<String> count = http.get(api + "/job/count", credentials);
        HttpResponse<String> queried = http.postJson(api + "/job", credentials, "{}");
        HttpResponse<String> job = http.get(api + "/job/" + cleanup, credentials);
        HttpResponse<String> stacktrace = http.get(api + "/job/" + cleanup + "/stacktrace", credentials);
        HttpResponse<String> log = http.get(api + "/history/job-log?jobId=" + cleanup, credentials);
        HttpResponse<String> logCount = http.get(api + "/history/job-log/count", credentials);

        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
        assertThat(body(jobs)).isEmpty();
        assertThat(body(count).path("count").asLong()).as(count.body()).isZero();
        assertThat(body(queried)).as(queried.body()).isEmpty();
        assertThat(job.statusCode()).as(job.body()).isEqualTo(404);
        assertThat(body(job).path("message").asText()).contains(cleanup);
        assertThat(stacktrace.statusCode()).as(stacktrace.body()).isEqualTo(404);
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(body(log)).isEmpty();
        assertThat(body(logCount).path("count").asLong()).as(logCount.body()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria", "alex", "demo"})
    void supervisorsAnalystsAndAdministratorsReadTheHistoryCleanupsJobAndLog(String user) throws Exception {
        String cleanup = historyCleanupJob().getId();
        String credentials = user + ":" + user;

        HttpResponse<String> jobs = http.get("/engine-rest/job", credentials);
        HttpResponse<String> job = http.get("/engine-rest/job/" + cleanup, credentials);
        HttpResponse<String> log = http.get("/engine-rest/history/job-log?jobId=" + cleanup, credentials);

        assertThat(body(jobs).findValuesAsText("id")).contains(cleanup);
        assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
        assertThat(body(log).findValuesAsText("jobId")).contains(cleanup);
    }

    /** Cockpit's job log, as a supervisor's session reads it on the webapps' engine API. */
    @Test
    void aSupervisorsCockpitSessionReadsTheJobLog() throws Exception {
        String cleanup = historyCleanupJob().getId();
        AppHttp.WebappSession maria = http.signIn("cockpit", "maria");

        HttpResponse<String> log = maria.send(maria.request(
                "/camunda/api/engine/engine/default/history/job-log?jobId=" + cleanup).GET());

        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(body(log).findValuesAsText("jobId")).contains(cleanup);
    }

    /**
     * The engine checks no grant on a job of no case: anyone signed in, the intake system and read-only analysts too,
     * could put the history cleanup off for good (a due date years ahead, no retries, suspended), or run it now.
     */
    @ParameterizedTest
    @CsvSource({"anna, /engine-rest", "sam, /engine-rest", "maria, /engine-rest", "alex, /engine-rest",
            "dana, /engine-rest", "portal, /engine-rest", "alex, /engine-rest/engine/default"})
    void nobodyButAdministratorsChangesOrRunsTheEnginesOwnJob(String user, String api) throws Exception {
        Job before = historyCleanupJob();
        String job = api + "/job/" + before.getId();
        String credentials = user + ":" + user;

        for (HttpRequest.Builder write : List.of(
                put(job + "/duedate", credentials, "{\"duedate\": \"2099-01-01T01:00:00.000+0000\"}"),
                put(job + "/suspended", credentials, "{\"suspended\": true}"),
                put(job + "/retries", credentials, "{\"retries\": 0}"),
                put(job + "/priority", credentials, "{\"priority\": 9}"),
                http.request(job + "/execute", credentials).POST(HttpRequest.BodyPublishers.noBody()),
                http.request(job + "/duedate/recalculate", credentials).POST(HttpRequest.BodyPublishers.noBody()))) {
            HttpResponse<String> answer = http.send(write);

            assertThat(answer.statusCode()).as(write.build().uri() + ": " + answer.body()).isEqualTo(403);
            assertThat(body(answer).path("message").asText()).contains("Only administrators change or run a job");
        }
        Job after = job(before.getId());
        assertThat(after.getDuedate()).isEqualTo(before.getDuedate());
        assertThat(after.isSuspended()).isFalse();
        assertThat(after.getRetries()).isEqualTo(before.getRetries());
        assertThat(after.getPriority()).isEqualTo(before.getPriority());
    }

    /** Cockpit's job actions, as a supervisor's session would send them on the webapps' engine API. */
    @Test
    void aSupervisorsCockpitSessionDoesNotSuspendTheEnginesOwnJob() throws Exception {
        String cleanup = historyCleanupJob().getId();
        AppHttp.WebappSession maria = http.signIn("cockpit", "maria");

        HttpResponse<String> suspend = maria.send(maria.request(
                "/camunda/api/engine/engine/default/job/" + cleanup + "/suspended")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"suspended\": true}")));

        assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(403);
        assertThat(job(cleanup).isSuspended()).isFalse();
    }

    @Test
    void anAdministratorPutsTheEnginesOwnJobOff() throws Exception {
        Job cleanup = historyCleanupJob();
        Date later = Date.from(Instant.parse("2099-01-01T01:00:00Z"));
        try {
            HttpResponse<String> moved = http.send(put("/engine-rest/job/" + cleanup.getId() + "/duedate",
                    "demo:demo", "{\"duedate\": \"2099-01-01T01:00:00.000+0000\"}"));

            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(204);
            assertThat(job(cleanup.getId()).getDuedate()).isEqualTo(later);
        } finally {
            engine.getManagementService().setJobDuedate(cleanup.getId(), cleanup.getDuedate());
        }
    }

    /**
     * Camunda gives every user ALL on their own user, DELETE included: an agent could delete herself, and her open
     * tasks stayed assigned to no one who signs in, before a supervisor handed them over (security.md, "Taking
     * someone's rights away": the supervisor hands the work over, then an administrator deletes the user).
     */
    @ParameterizedTest
    @ValueSource(strings = {"agents", "specialists", "supervisors", "analysts", "designers"})
    void nobodyButAdministratorsDeletesAUserNotEvenTheirOwn(String group) throws Exception {
        String id = "selfdelete" + group;
        CaseDriver.joinsWithPassword(engine.getIdentityService(), id, "a-long-password-1", "Sel", "F", group);
        try {
            HttpResponse<String> deleted = http.send(http.request("/engine-rest/user/" + id,
                    id + ":a-long-password-1").DELETE());
            HttpResponse<String> profile = http.send(put("/engine-rest/user/" + id + "/profile",
                    id + ":a-long-password-1", "{\"id\": \"%s\", \"firstName\": \"Sel\", \"lastName\": \"F\"}"
                            .formatted(id)));

            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(403);
            assertThat(body(deleted).path("message").asText()).contains("Only administrators delete a user");
            assertThat(engine.getIdentityService().createUserQuery().userId(id).count()).isEqualTo(1);
            assertThat(engine.getIdentityService().createGroupQuery().groupMember(id).count()).isEqualTo(1);
            assertThat(profile.statusCode()).as("their own profile stays theirs: " + profile.body()).isEqualTo(204);
        } finally {
            engine.getIdentityService().deleteUser(id);
        }
    }

    @Test
    void anAdministratorDeletesAUser() throws Exception {
        String id = "leavingagent";
        CaseDriver.joinsWithPassword(engine.getIdentityService(), id, "a-long-password-1", "Lea", "Ving", "agents");
        try {
            HttpResponse<String> deleted = http.send(http.request("/engine-rest/user/" + id, "demo:demo").DELETE());

            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            assertThat(engine.getIdentityService().createUserQuery().userId(id).count()).isZero();
        } finally {
            engine.getIdentityService().deleteUser(id);
        }
    }

    /** The job as it is now ({@link #historyCleanupJob} would schedule the cleanup's afresh). */
    private Job job(String id) {
        return engine.getManagementService().createJobQuery().jobId(id).singleResult();
    }

    private HttpRequest.Builder put(String path, String credentials, String json) {
        return http.request(path, credentials).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    /** The history cleanup's job (batch window in application.yaml); scheduled now if no start has yet. */
    private Job historyCleanupJob() {
        return engine.getHistoryService().cleanUpHistoryAsync(false);
    }

    private JsonNode body(HttpResponse<String> answer) throws Exception {
        return json.readTree(answer.body());
    }
}
