package com.followthrough.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.NumberFormat;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * An analyst reviews support in Camunda Cockpit, in a real browser: the "Support insights" on the dashboard show
 * what GET /api/insights counts, "Closed cases" lists every closed case as GET /api/insights/cases does, and a case's history view shows the
 * path the case took and its timeline. Cockpit's own views keep working beside the plugins.
 */
@FollowThroughSpringTest
class AnalystInCockpitTest {

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser();

    private static final String ANALYST = "alex";

    /** Each KPI the dashboard shows, by its place in GET /api/insights, and how it is written. */
    private static final Map<String, Kind> KPIS = kpis();

    private enum Kind { COUNT, PERCENT, MINUTES, DECIMAL, MONEY }

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    AnalystInCockpitTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeEach
    void realTime() {
        // The browser lives in real time, and the insights count cases opened up to today; so must the engine.
        ClockUtil.reset();
    }

    @Test
    void analystSeesTheSupportInsightsOnTheDashboardAsTheApiCountsThem() throws Exception {
        answerSurvey(closed(openCase("Noah Fischer", "premium").solveAtFirstContactAndClose()), 5);
        answerSurvey(closed(solvedAfterAKeptCallback(openCase("Amara Okafor", "premium"))), 4);
        closed(openCase("Lukas Braun", "standard").solveAtFirstContactAndClose());

        cockpit.logInAs(ANALYST).openDashboard();
        JsonNode insights = insights("");
        assertThat(insights.at("/cases/closed").asLong()).as("closed cases counted").isGreaterThanOrEqualTo(3);
        assertThat(insights.at("/promises/kept").asLong()).as("kept promises counted").isGreaterThanOrEqualTo(1);
        assertThat(cockpit.kpis()).isEqualTo(shown(insights));
        assertThat(insights.at("/satisfaction/answered").asLong()).as("answered surveys counted").isGreaterThanOrEqualTo(2);
        assertThat(cockpit.chart("satisfaction-ratings").values()).containsExactlyElementsOf(
                List.of("5", "4", "3", "2", "1").stream().map(stars -> count(insights.at("/satisfaction/ratings/" + stars))).toList());
        List<String> openByStage = StreamSupport.stream(insights.at("/cases/byStage").spliterator(), false)
                .map(stage -> count(stage.get("cases"))).toList();
        assertThat(cockpit.chart("open-cases-by-stage").values()).containsExactlyElementsOf(openByStage);
        assertThat(cockpit.insightsPeriod()).contains("Cases opened from")
                .as("the days are the support team's, whatever zone the analyst's computer is in")
                .contains("days in the support team's zone, " + insights.at("/timeZone").asText("(none named)"));
        cockpit.screenshot("support-insights");

        cockpit.filterInsights("Plan", "Premium");
        JsonNode premium = insights("?plan=premium");
        assertThat(premium.at("/cases/opened").asLong()).isLessThan(insights.at("/cases/opened").asLong());
        assertThat(cockpit.kpis()).isEqualTo(shown(premium));
        cockpit.screenshot("support-insights-premium");

        String reset = cockpit.resetInsightsFilter();
        JsonNode defaults = insights("");
        long daysBefore = ChronoUnit.DAYS.between(LocalDate.parse(defaults.at("/filter/from").asText()),
                LocalDate.parse(defaults.at("/filter/to").asText()));
        assertThat(reset).as("the button names the period it shows, today and the days before")
                .containsIgnoringCase("today and the " + daysBefore + " days before");
        assertThat(cockpit.kpis()).isEqualTo(shown(defaults));
    }

    @Test
    void processDesignerInCockpitIsToldTheSupportInsightsAreForAnalystsAndSupervisors() throws Exception {
        assertThat(http.get("/api/insights", "dana:dana").statusCode()).isEqualTo(403);

        cockpit.logInAs("dana");
        assertThat(cockpit.dashboardInsightsMessage())
                .startsWith("You may not see the support insights: support insights are for analysts and supervisors.");
        assertThat(cockpit.kpis()).isEmpty();
        cockpit.screenshot("support-insights-refused");
    }

    @Test
    void analystFollowsAClosedCaseFromClosedCasesToThePathItTookAndItsTimeline() throws Exception {
        CaseDriver callback = closed(solvedAfterAKeptCallback(openCase("Priya Raman", "premium")));
        CaseDriver running = openCase("Oliver Bennett", "standard");
        String definitionId = callback.instance.getProcessDefinitionId();

        cockpit.logInAs(ANALYST).openProcess("Support case");
        assertThat(cockpit.definitionTabs()).contains("Process Instances", "Closed cases");
        cockpit.openProcessDefinition(definitionId).openClosedCases();
        JsonNode firstPage = json.readTree(apiGet("/api/insights/cases?state=closed&max=20"));
        assertThat(cockpit.closedCaseReferences()).containsExactlyElementsOf(references(firstPage));
        assertThat(cockpit.buttonsIn(".ft-closed-cases-tab")).isSubsetOf("Previous", "Next");
        cockpit.screenshot("closed-cases");

        while (!cockpit.closedCaseReferences().contains(callback.reference)) {
            assertThat(cockpit.nextClosedCases()).as("case %s on a later page of closed cases", callback.reference).isTrue();
        }
        assertThat(cockpit.closedCaseRow(callback.reference))
                .startsWith(callback.reference, "Priya Raman", "Premium", "Anna Clarke", "Solved after a callback")
                .contains("1", "0");

        cockpit.openCaseHistory(callback.reference);
        assertThat(cockpit.caseSummary()).containsEntry("Customer", "Priya Raman").containsEntry("Outcome", "Solved after a callback");
        assertThat(cockpit.highlightedSteps())
                .containsExactlyInAnyOrderElementsOf(stepsTaken(callback))
                .contains("Task_ListenToCustomer", "Task_DiagnoseProblem", "Task_PromiseCallback", "CallActivity_KeepPromise",
                        "Task_ResolveProblem")
                .doesNotContain("Task_DiagnoseAsSpecialist", "Task_KeepPromiseAtRisk");
        JsonNode timeline = json.readTree(apiGet("/api/insights/cases/" + callback.reference + "/timeline"));
        List<Map.Entry<String, String>> shown = cockpit.timeline();
        assertThat(shown).containsExactlyElementsOf(StreamSupport.stream(timeline.get("events").spliterator(), false)
                .map(e -> Map.entry(label(e.get("type").asText()), e.get("title").asText())).toList());
        assertThat(shown).extracting(Map.Entry::getKey).contains("Task", "Message", "Promise", "Decision");
        assertThat(shown).extracting(Map.Entry::getValue).contains("Promise kept")
                .anySatisfy(title -> assertThat(title).startsWith("Listen to ").endsWith("— " + callback.reference));
        assertThat(cockpit.steps()).as("steps by the names the designer gave them, people by name, no ids")
                .contains(Map.entry("Listen to the customer", "Anna Clarke"))
                .allSatisfy(step -> assertThat(step.getKey() + " " + step.getValue())
                        .doesNotContainPattern("\\b(Task|Gateway|Event|StartEvent|EndEvent|CallActivity)_").doesNotContain("anna"));
        assertThat(cockpit.buttonsIn(".ft-case-history")).isSubsetOf("Zoom in", "Zoom out", "Whole diagram");
        cockpit.screenshot("case-history");
        cockpit.scrollToTimeline().screenshot("case-history-timeline");

        // Cockpit's own view of a running case still works beside the plugins.
        cockpit.openProcessInstance(running.instance.getId()).waitForText("Listen to the customer");
        cockpit.screenshot("running-case-in-cockpit");
    }

    @Test
    void closedCasesListsEveryClosedCaseOfEveryVersionAndPeriodAsTheApiCountsThem() throws Exception {
        // Like the demo history: a case opened and closed long before this version was deployed.
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(45))));
        CaseDriver longAgo = closed(openCase("Ines Moreau", "standard").solveAtFirstContactAndClose());
        ClockUtil.reset();
        CaseDriver onTheOlderVersion = closed(openCase("Tomasz Nowak", "premium").solveAtFirstContactAndClose());
        ProcessDefinition older = engine.getRepositoryService().getProcessDefinition(
                onTheOlderVersion.instance.getProcessDefinitionId());
        Deployment newer = engine.getRepositoryService().createDeployment().name("a newer version of the support case")
                .addString("support-case.bpmn", Files.readString(Path.of("processes/support-case.bpmn"))).deploy();
        try {
            ProcessDefinition newVersion = engine.getRepositoryService().createProcessDefinitionQuery()
                    .deploymentId(newer.getId()).singleResult();
            assertThat(newVersion.getVersion()).isGreaterThan(older.getVersion());

            cockpit.logInAs(ANALYST).openProcessDefinition(newVersion.getId()).openClosedCases();
            JsonNode firstPage = json.readTree(apiGet("/api/insights/cases?state=closed&max=20"));
            assertThat(cockpit.closedCaseReferences()).containsExactlyElementsOf(references(firstPage))
                    .contains(onTheOlderVersion.reference);
            assertThat(cockpit.closedCasesPosition()).endsWith(" of " + count(firstPage.get("total")));
            assertThat(cockpit.closedCaseRow(onTheOlderVersion.reference))
                    .startsWith(onTheOlderVersion.reference, "Tomasz Nowak", "Premium")
                    .endsWith(String.valueOf(older.getVersion()));
            while (!cockpit.closedCaseReferences().contains(longAgo.reference)) {
                assertThat(cockpit.nextClosedCases()).as("case %s, opened 45 days ago, on a later page", longAgo.reference)
                        .isTrue();
            }
        } finally {
            engine.getRepositoryService().deleteDeployment(newer.getId(), true);
        }
    }

    private static List<String> references(JsonNode page) {
        return StreamSupport.stream(page.get("cases").spliterator(), false).map(c -> c.get("reference").asText()).toList();
    }

    // --- cases ---------------------------------------------------------------------------------------------------

    private CaseDriver openCase(String customerName, String plan) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("customerName", customerName);
        variables.put("plan", plan);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    /** Anna promises a callback, calls back in time and solves it; the customer confirms and the case closes. */
    private static CaseDriver solvedAfterAKeptCallback(CaseDriver c) {
        return c.listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3))
                .callBack("Task_CallCustomerBack", "reachedSolved").resolve("company", 0).customerConfirmsTheSolution();
    }

    /** The customer follows the link in the survey mail and rates the case. */
    private void answerSurvey(CaseDriver c, int rating) throws Exception {
        var answered = http.postJson("/api/cases/" + c.reference + "/satisfaction", null,
                json.writeValueAsString(Map.of("token", c.surveyToken(), "rating", rating, "comment", "Thanks")));
        assertThat(answered.statusCode()).as("survey answer: %s", answered.body()).isEqualTo(202);
        c.runAsyncSteps();
    }

    private CaseDriver closed(CaseDriver c) {
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(c.instance.getId())
                .finished().count()).as("case %s closed", c.reference).isOne();
        return c;
    }

    /** The flow nodes of the case's own diagram the engine recorded as passed (a multi-instance body has no shape). */
    private List<String> stepsTaken(CaseDriver c) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(c.instance.getId())
                .list().stream().map(HistoricActivityInstance::getActivityId)
                .filter(id -> !id.endsWith("#multiInstanceBody")).distinct().toList();
    }

    // --- the API, as the analyst ---------------------------------------------------------------------------------

    private JsonNode insights(String query) throws Exception {
        return json.readTree(apiGet("/api/insights" + query));
    }

    private String apiGet(String path) throws Exception {
        var response = http.get(path, ANALYST + ":" + ANALYST);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    // --- how the dashboard writes numbers (English, as Cockpit is) ----------------------------------------------

    private static Map<String, Kind> kpis() {
        Map<String, Kind> kpis = new LinkedHashMap<>();
        List.of("cases.opened", "cases.open", "cases.closed", "resolution.measured", "promises.made", "promises.broken",
                "promises.open", "promises.cancelled", "escalations.toSpecialists", "escalations.toSupervisors",
                "escalations.toAdministrators",
                "reimbursements.offeredProactively", "reimbursements.requestedByCustomer", "reimbursements.approved",
                "reimbursements.declined", "discountRequests.requested", "discountRequests.traced",
                "satisfaction.surveysSent", "satisfaction.answered", "lastChance.calls", "lastChance.stays",
                "lastChance.leaves", "lastChance.noAnswer").forEach(path -> kpis.put(path, Kind.COUNT));
        kpis.put("firstResponse.onTimePercent", Kind.PERCENT);
        kpis.put("nextReply.onTimePercent", Kind.PERCENT);
        kpis.put("promises.keptPercent", Kind.PERCENT);
        List.of("firstResponse.medianMinutes", "firstResponse.p90Minutes", "nextReply.medianMinutes",
                "nextReply.p90Minutes", "resolution.medianMinutes",
                "resolution.p90Minutes").forEach(path -> kpis.put(path, Kind.MINUTES));
        kpis.put("satisfaction.averageRating", Kind.DECIMAL);
        kpis.put("reimbursements.amountOffered", Kind.MONEY);
        return kpis;
    }

    private static Map<String, String> shown(JsonNode insights) {
        Map<String, String> shown = new HashMap<>();
        KPIS.forEach((path, kind) -> {
            JsonNode value = insights.at("/" + path.replace('.', '/'));
            shown.put(path, write(kind, value, insights.at("/reimbursements/currency").asText()));
        });
        return shown;
    }

    private static String write(Kind kind, JsonNode value, String currency) {
        if (value.isMissingNode() || value.isNull()) {
            return "–";
        }
        return switch (kind) {
            case COUNT -> count(value);
            case PERCENT -> String.format(Locale.US, "%.1f%%", value.asDouble());
            case DECIMAL -> String.format(Locale.US, "%.1f", value.asDouble());
            case MINUTES -> minutes(value.asDouble());
            case MONEY -> {
                NumberFormat money = NumberFormat.getCurrencyInstance(Locale.US);
                money.setCurrency(Currency.getInstance(currency));
                yield money.format(value.decimalValue());
            }
        };
    }

    private static String count(JsonNode value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value.asLong());
    }

    /** "35 min", "5 h 10 min", "3 d 4 h": elapsed time as the plugin writes it. */
    private static String minutes(double minutes) {
        long total = Math.round(minutes);
        if (total < 60) {
            return total + " min";
        }
        long hours = total / 60;
        long rest = total % 60;
        if (hours < 48) {
            return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
        }
        return hours % 24 == 0 ? hours / 24 + " d" : hours / 24 + " d " + hours % 24 + " h";
    }

    private static String label(String eventType) {
        return Character.toUpperCase(eventType.charAt(0)) + eventType.substring(1);
    }
}
