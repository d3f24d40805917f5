package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Who may read the support insights (analysts, supervisors, Camunda admins; from Cockpit's session too), what a bad
 * request gets, and that an analyst can read but change nothing.
 */
@FollowThroughSpringTest
class InsightsAccessTest {

    static final String JANE = """
            {"customer": {"name": "Jane Doe", "email": "jane@example.org", "phone": "+1 555 0100", "plan": "premium"},
             "language": "en", "channel": "email", "priority": "high",
             "subject": "Invoice shows the wrong amount",
             "description": "I was charged twice for November and my bank account is overdrawn."}""";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final int port;
    private final AppHttp http;

    InsightsAccessTest(@LocalServerPort int port) {
        this.port = port;
        this.http = new AppHttp(port);
    }

    @Test
    void analystsSupervisorsAndAdminsReadTheInsights() throws Exception {
        for (String user : new String[] {"alex:alex", "maria:maria", "demo:demo"}) {
            assertThat(http.get("/api/insights", user).statusCode()).as(user).isEqualTo(200);
            assertThat(http.get("/api/insights/cases", user).statusCode()).as(user).isEqualTo(200);
        }
    }

    @Test
    void anAgentMayNotReadTheInsights() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        for (String path : new String[] {"/api/insights", "/api/insights/cases",
                "/api/insights/cases/" + c.reference + "/timeline"}) {
            HttpResponse<String> response = http.get(path, "anna:anna");

            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).get("detail").asText()).contains("analysts");
        }
    }

    @Test
    void withoutSigningInThereAreNoInsights() throws Exception {
        HttpResponse<String> integrator = http.get("/api/insights", null);
        assertThat(integrator.statusCode()).isEqualTo(401);
        assertThat(integrator.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Follow-Through\"");

        // A Cockpit page whose session ran out: no Basic challenge, or the browser would pop up its own login box.
        HttpResponse<String> plugin = http.send(http.request("/api/insights", null).header("X-Requested-With", "XMLHttpRequest"));
        assertThat(plugin.statusCode()).isEqualTo(401);
        assertThat(plugin.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aBadFilterIsRefusedNamingTheParameter() throws Exception {
        Map<String, String> badQueries = Map.ofEntries(
                Map.entry("from=2026-13-01", "from"),
                Map.entry("to=yesterday", "to"),
                Map.entry("to=%2B999999999-12-31", "to"),
                Map.entry("to=-999999999-01-01", "to"),
                Map.entry("from=%2B10000-01-01", "from"),
                Map.entry("from=2026-11-23&to=2026-11-01", "from"),
                Map.entry("plan=gold", "plan"),
                Map.entry("language=fr", "language"),
                Map.entry("processVersion=latest", "processVersion"),
                Map.entry("processVersion=0", "processVersion"),
                // No team filter: an analyst asking for one team's figures must not get everyone's.
                Map.entry("team=agents-de", "team"),
                Map.entry("plan=premium&lang=de", "lang"),
                // Present but only spaces (or nothing): not left out, which would count every plan, language or day.
                Map.entry("from=%20%20", "from"),
                Map.entry("to=", "to"),
                Map.entry("plan=%20", "plan"),
                Map.entry("language=%20%20%20", "language"),
                Map.entry("processVersion=%20", "processVersion"));
        for (var bad : badQueries.entrySet()) {
            assertBadRequest("/api/insights?" + bad.getKey(), bad.getValue());
            assertBadRequest("/api/insights/cases?" + bad.getKey(), bad.getValue());
        }
        assertBadRequest("/api/insights/cases?state=archived", "state");
        assertBadRequest("/api/insights/cases?max=201", "max");
        assertBadRequest("/api/insights/cases?max=0", "max");
        assertBadRequest("/api/insights/cases?first=-1", "first");
        assertBadRequest("/api/insights/cases?processDefinitionId=" + "x".repeat(65), "processDefinitionId");
    }

    @Test
    void theTimelineOfACaseNobodyOpenedIsNotFound() throws Exception {
        HttpResponse<String> response = http.get("/api/insights/cases/SC-1999-000001/timeline", "alex:alex");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("detail").asText()).contains("SC-1999-000001");
        assertThat(problem.at("/errors/0/field").asText()).as("the 404 names what was not found")
                .isEqualTo("reference");
        assertThat(problem.at("/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void cockpitsSessionReadsTheInsightsButChangesNothing() throws Exception {
        HttpClient browser = browser();
        String csrfToken = signIn(browser, "cockpit", "alex");

        HttpResponse<String> insights = browser.send(request("/api/insights").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(insights.statusCode()).as(insights.body()).isEqualTo(200);
        assertThat(json.readTree(insights.body()).has("firstResponse")).isTrue();

        long cases = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
        HttpResponse<String> openCase = browser.send(request("/api/cases").header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", csrfToken).POST(HttpRequest.BodyPublishers.ofString(JANE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openCase.statusCode()).as("a change needs HTTP Basic").isEqualTo(401);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(cases);
    }

    @Test
    void anAgentSignedInToTasklistGetsNoInsights() throws Exception {
        HttpClient browser = browser();
        signIn(browser, "tasklist", "anna");

        assertThat(browser.send(request("/api/insights").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void anAnalystCanNeitherOpenNorWorkNorChangeNorDeleteACase() throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        String task = c.task("Task_ListenToCustomer").getId();
        String instance = c.instance.getId();
        long cases = engine.getHistoryService().createHistoricProcessInstanceQuery().count();

        assertThat(http.postJson("/api/cases", "alex:alex", JANE).statusCode()).isEqualTo(403);
        assertThat(http.postJson("/engine-rest/task/" + task + "/claim", "alex:alex", "{\"userId\": \"alex\"}")
                .statusCode()).isEqualTo(403);
        assertThat(http.postJson("/engine-rest/task/" + task + "/complete", "alex:alex", "{}").statusCode())
                .isEqualTo(403);
        assertThat(http.postJson("/engine-rest/process-instance/" + instance + "/modification", "alex:alex",
                "{\"instructions\": [{\"type\": \"cancel\", \"activityId\": \"Task_ListenToCustomer\"}]}")
                .statusCode()).isEqualTo(403);
        assertThat(http.postJson("/engine-rest/process-instance/" + instance + "/variables", "alex:alex",
                "{\"modifications\": {\"plan\": {\"value\": \"enterprise\"}}}").statusCode()).isEqualTo(403);
        assertThat(http.send(http.request("/engine-rest/process-instance/" + instance, "alex:alex").DELETE())
                .statusCode()).isEqualTo(403);

        assertThat(c.task("Task_ListenToCustomer").getId()).isEqualTo(task);
        assertThat(c.task("Task_ListenToCustomer").getAssignee()).isNull();
        assertThat(engine.getRuntimeService().getVariable(instance, "plan")).isEqualTo("premium");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(cases);
    }

    private void assertBadRequest(String path, String parameter) throws Exception {
        HttpResponse<String> response = http.get(path, "alex:alex");
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").findValuesAsText("field")).as(path).containsExactly(parameter);
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in the way the webapp's login page does; returns the CSRF token the webapps expect on changes. */
    private String signIn(HttpClient browser, String app, String user) throws Exception {
        browser.send(request("/camunda/app/" + app + "/default/").GET().build(), HttpResponse.BodyHandlers.discarding());
        String token = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> "XSRF-TOKEN".equals(cookie.getName())).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("Cockpit set no XSRF-TOKEN cookie"));
        HttpResponse<String> login = browser.send(request("/camunda/api/admin/auth/user/default/login/" + app)
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("%s login of %s: %s", app, user, login.body()).isEqualTo(200);
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> "XSRF-TOKEN".equals(cookie.getName())).map(HttpCookie::getValue).findFirst()
                .orElse(token);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "application/json");
    }
}
