package com.followthrough.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.SupportProperties;

/**
 * A supervisor sees the team's workload on Cockpit's dashboard ("Team workload"), as GET /api/workload counts it, and
 * who has room for a new case; a process designer is told it is not for them.
 */
@FollowThroughSpringTest
class TeamWorkloadInCockpitTest {

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser();

    @Autowired SupportProperties properties;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    TeamWorkloadInCockpitTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void supervisorSeesEachAgentsLoadAndRoomAsTheApiCountsIt() throws Exception {
        ClockUtil.reset();
        cockpit.logInAs("maria");
        WebElement agents = waitFor("the agents' workload on the dashboard").until(d -> d.findElements(By.cssSelector(".ft-workload .ft-workload-agents")).stream().findFirst()
                        .orElse(null));
        JsonNode workload = json.readTree(http.get("/api/workload", "maria:maria").body());

        for (JsonNode agent : workload.get("agents")) {
            WebElement row = agents.findElement(By.cssSelector("tr[data-user='" + agent.get("user").asText() + "']"));
            assertThat(cells(row)).as(agent.get("user").asText()).isEqualTo(Map.of(
                    "openCases", agent.get("openCases").asText(),
                    "capacity", agent.get("capacity").asText(),
                    "room", agent.get("room").asText(),
                    "callbacksDueToday", agent.get("callbacksDueToday").asText(),
                    "overdueTasks", agent.get("overdueTasks").asText(),
                    "brokenPromisesThisWeek", agent.get("brokenPromisesThisWeek").asText()));
        }
        assertThat(cockpit.driver().findElements(By.cssSelector(".ft-workload-teams tr[data-team='agents-en']"))).hasSize(1);
        ((org.openqa.selenium.JavascriptExecutor) cockpit.driver()).executeScript(
                "arguments[0].scrollIntoView({block: 'start'});",
                cockpit.driver().findElement(By.cssSelector(".ft-workload")));
        cockpit.screenshot("team-workload");
    }

    @Test
    void aRefusedAbsenceSaysWhichFieldAndWhyAndChangesNothing() throws Exception {
        ClockUtil.reset();
        String before = http.get("/api/workload", "maria:maria").body();
        JsonNode agent = json.readTree(before).get("agents").get(0);
        LocalDateTime now = LocalDateTime.now(properties.support().timeZone());

        String refusal = cockpit.logInAs("maria").markAbsent(agent.get("name").asText(), now.plusDays(2), now.plusDays(1), null);

        assertThat(refusal).isEqualTo("Not saved. Please correct: Until (to) must be after from");
        assertThat(cockpit.driver().findElement(By.id("ft-absence-to")).getAttribute("aria-invalid")).isEqualTo("true");
        JsonNode after = json.readTree(http.get("/api/workload", "maria:maria").body()).get("agents").get(0);
        assertThat(after.get("absence")).isEqualTo(agent.get("absence"));
        cockpit.screenshot("absence-refused");
    }

    @Test
    void theCockpitSessionWithoutItsCsrfTokenChangesNothing() throws Exception {
        ClockUtil.reset();
        JsonNode agent = json.readTree(http.get("/api/workload", "maria:maria").body()).get("agents").get(0);
        String user = agent.get("user").asText();
        cockpit.logInAs("maria").offersMarkAbsent();
        LocalDateTime now = LocalDateTime.now(properties.support().timeZone());

        // What another site could make maria's browser send: her session cookie, but not the token.
        Object status = ((JavascriptExecutor) cockpit.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/agents/' + arguments[0] + '/absence', {method: 'PUT', credentials: 'same-origin',
                    headers: {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
                    body: JSON.stringify({from: arguments[1], to: arguments[2]})})
                  .then((r) => done(r.status), (e) => done(String(e)));""", user, now.toString(), now.plusDays(1).toString());

        assertThat(status).isEqualTo(401L);
        JsonNode after = json.readTree(http.get("/api/workload", "maria:maria").body()).get("agents").get(0);
        assertThat(after.get("absence")).isEqualTo(agent.get("absence"));
    }

    @Test
    void analystSeesTheWorkloadButIsNotOfferedToMarkAnyoneAbsent() {
        assertThat(cockpit.logInAs("alex").offersMarkAbsent()).isFalse();
        assertThat(cockpit.logInAs("maria").offersMarkAbsent()).isTrue();
    }

    @Test
    void processDesignerIsToldTheWorkloadIsNotForThem() {
        cockpit.logInAs("dana");
        WebElement message = waitFor("a message in Team workload").until(d -> d.findElements(By.cssSelector(".ft-workload .alert")).stream().findFirst().orElse(null));
        assertThat(message.getText()).startsWith("You may not see the team workload");
    }

    private static WebDriverWait waitFor(String what) {
        WebDriverWait wait = new WebDriverWait(cockpit.driver(), Duration.ofSeconds(30));
        wait.withMessage("waiting for " + what);
        return wait;
    }

    /** The numbers of a row, by field; large numbers would carry a thousands separator, the API's none. */
    private static Map<String, String> cells(WebElement row) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (WebElement cell : row.findElements(By.cssSelector("td.ft-number[data-field]"))) {
            cells.put(cell.getAttribute("data-field"), cell.getText().trim().replace(",", ""));
        }
        return cells;
    }
}
