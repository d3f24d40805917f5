package com.followthrough.cockpit;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.followthrough.browser.WebappBrowser;

/**
 * Camunda Cockpit in Debian's headless Chromium, as an analyst uses it: the dashboard with our "Support insights",
 * a process definition and its "Closed cases" tab, a case's history view, and Cockpit's own instance view. It reads
 * what the screen shows; the plugins' data attributes only say where (which KPI, which case, which step).
 *
 * <pre>
 * &#64;RegisterExtension static CockpitBrowser cockpit = new CockpitBrowser();
 * </pre>
 */
public class CockpitBrowser extends WebappBrowser {

    private static final String COCKPIT = "/camunda/app/cockpit/default/";

    public CockpitBrowser() {
        super("Cockpit");
    }

    /** A Cockpit in a browser whose clock runs in {@code browserZone}. */
    public CockpitBrowser(java.time.ZoneId browserZone) {
        super("Cockpit", java.util.Optional.of(browserZone));
    }

    /** Logs in to Cockpit as a demo user (the password is the user id) and waits for the dashboard. */
    public CockpitBrowser logInAs(String user) {
        logIn(COCKPIT, user, By.cssSelector(".dashboard"));
        return this;
    }

    // --- the dashboard ---------------------------------------------------------------------------------------------

    /** Opens the dashboard and waits until "Support insights" shows its numbers, scrolled into view. */
    public CockpitBrowser openDashboard() {
        go("#/dashboard");
        waitFor(() -> "Cockpit's own dashboard").until(d -> bodyText().contains("Running Process Instances"));
        waitForInsights();
        return this;
    }

    /** Opens the dashboard and waits until "Support insights" says why it shows no numbers. */
    public String dashboardInsightsMessage() {
        go("#/dashboard");
        WebElement message = waitFor(() -> "a message in Support insights; it says: " + pluginText(".ft-insights"))
                .until(d -> d.findElements(By.cssSelector(".ft-insights .alert")).stream().findFirst().orElse(null));
        scrollToTop(message);
        return text(message);
    }

    /** Every KPI the plugin shows, by its place in GET /api/insights ("promises.keptPercent"), as the text on screen. */
    public Map<String, String> kpis() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (WebElement kpi : driver().findElements(By.cssSelector(".ft-insights [data-kpi]"))) {
            shown.put(kpi.getAttribute("data-kpi"), text(kpi));
        }
        return shown;
    }

    /** The bars of a chart, each as its label and the number written at its end: "Resolving" → "3". */
    public Map<String, String> chart(String chartId) {
        Map<String, String> bars = new LinkedHashMap<>();
        for (WebElement bar : driver().findElements(By.cssSelector("[data-chart='" + chartId + "'] .ft-bar"))) {
            bars.put(text(bar.findElement(By.cssSelector(".ft-bar-label"))),
                    text(bar.findElement(By.cssSelector(".ft-bar-value"))));
        }
        return bars;
    }

    /** The line above the filter that says which cases the numbers count. */
    public String insightsPeriod() {
        return text(driver().findElement(By.cssSelector(".ft-insights .ft-period")));
    }

    /** Picks an option of one of the filter's lists, by their labels, presses "Show" and waits for the new numbers. */
    public CockpitBrowser filterInsights(String label, String option) {
        WebElement labelElement = waitFor(() -> "the filter '" + label + "'")
                .until(d -> d.findElements(By.cssSelector(".ft-filter label")).stream()
                        .filter(l -> l.getText().trim().equals(label)).findFirst().orElse(null));
        new Select(driver().findElement(By.id(labelElement.getAttribute("for")))).selectByVisibleText(option);
        String before = insightsPeriod();
        clickButton(".ft-filter", "Show");
        waitFor(() -> "the insights to show " + label + " " + option + " (still: " + before + ")")
                .until(d -> !insightsPeriod().equals(before) && insightsPeriod().contains(option));
        waitForInsights();
        return this;
    }

    /**
     * Presses the filter's other button, the one that goes back to the default period and no filter, waits for the
     * numbers it brings and returns its label.
     */
    public String resetInsightsFilter() {
        WebElement reset = driver().findElements(By.cssSelector(".ft-filter button[type=button]")).stream()
                .findFirst().orElseThrow(() -> new AssertionError("no button besides Show in the filter"));
        String label = text(reset);
        String before = insightsPeriod();
        clickButton(".ft-filter", label);
        waitFor(() -> "the insights to show the default period (still: " + before + ")")
                .until(d -> !insightsPeriod().equals(before));
        waitForInsights();
        return label;
    }

    private void waitForInsights() {
        WebElement insights = waitFor(() -> "Support insights with numbers; the plugin says: " + pluginText(".ft-insights"))
                .until(d -> d.findElements(By.cssSelector(".ft-insights .ft-kpi-groups")).stream().findFirst().orElse(null));
        scrollToTop(insights.findElement(By.xpath("./ancestor::div[contains(@class,'ft-insights')]")));
    }

    // --- Team workload: marking an agent absent --------------------------------------------------------------------

    /**
     * In *Team workload*'s "Mark absent" form, picks the agent and the colleague by the names the lists show (null for
     * "the team queue"), enters the times as the form asks (the support team's zone, no offset), presses "Save" and
     * waits for what the plugin answers: the saved absence or the refusal, as its text.
     */
    public String markAbsent(String agentName, LocalDateTime from, LocalDateTime to,
                             String handOverToName) {
        WebElement form = waitFor(() -> "the form 'Mark absent'; the plugin says: " + pluginText(".ft-workload"))
                .until(d -> d.findElements(By.cssSelector(".ft-workload form.ft-absence")).stream().findFirst().orElse(null));
        scrollIntoView(form);
        new Select(form.findElement(By.id("ft-absence-user"))).selectByVisibleText(agentName);
        new Select(form.findElement(By.id("ft-absence-handOverTo")))
                .selectByVisibleText(handOverToName == null ? "the team queue" : handOverToName);
        // Chromium's datetime-local takes keys segment by segment in the browser's locale; the value is what is sent.
        for (var entry : Map.of("ft-absence-from", from, "ft-absence-to", to).entrySet()) {
            ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];"
                    + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                    form.findElement(By.id(entry.getKey())),
                    entry.getValue().truncatedTo(ChronoUnit.MINUTES).toString());
        }
        clickButton(".ft-workload form.ft-absence", "Save");
        WebElement answer = waitFor(() -> "the absence saved or refused; the plugin says: " + pluginText(".ft-workload"))
                .until(d -> d.findElements(By.cssSelector(".ft-workload .ft-absence-saved, .ft-workload .ft-absence-outcome .alert"))
                        .stream().findFirst().orElse(null));
        return text(answer);
    }

    /** What *Team workload*'s agents table says of the agent's absence ("here", or when and to whom). */
    public String absenceShown(String user) {
        return text(driver().findElement(By.cssSelector(".ft-workload-agents tr[data-user='" + user + "'] td[data-field='absence']")));
    }

    /** Whether *Team workload* offers the "Mark absent" form, once the tables are there. */
    public boolean offersMarkAbsent() {
        waitFor(() -> "the agents' workload; the plugin says: " + pluginText(".ft-workload"))
                .until(d -> !d.findElements(By.cssSelector(".ft-workload .ft-workload-agents")).isEmpty());
        return !driver().findElements(By.cssSelector(".ft-workload form.ft-absence")).isEmpty();
    }

    // --- processes, their closed cases and a case's history --------------------------------------------------------

    /** Opens "Processes" in Cockpit's header and then a process by its name, as listed. */
    public CockpitBrowser openProcess(String name) {
        driver().findElement(By.linkText("Processes")).click();
        WebElement link = waitFor(() -> "the process '" + name + "' in the list of processes")
                .until(d -> d.findElements(By.linkText(name)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        link.click();
        waitForDefinitionPage();
        return this;
    }

    /** Opens one version of a process definition by its id, as a link from elsewhere would. */
    public CockpitBrowser openProcessDefinition(String processDefinitionId) {
        go("#/process-definition/" + processDefinitionId + "/runtime");
        waitForDefinitionPage();
        return this;
    }

    /** The tabs under the diagram of the open process definition. */
    public List<String> definitionTabs() {
        return texts(By.cssSelector(".ctn-tabbed ul.nav-tabs li a, ul.nav-tabs li a")).stream().filter(t -> !t.isEmpty()).toList();
    }

    /** Opens "Closed cases" under the diagram and waits until it lists cases (or says why not). */
    public CockpitBrowser openClosedCases() {
        WebElement tab = waitFor(() -> "the tab 'Closed cases' among " + definitionTabs())
                .until(d -> d.findElements(By.cssSelector("ul.nav-tabs li a")).stream()
                        .filter(a -> a.getText().trim().equals("Closed cases")).findFirst().orElse(null));
        scrollIntoView(tab);
        tab.click();
        waitForClosedCases();
        return this;
    }

    /** The cases on the page of "Closed cases" shown now, by reference. */
    public List<String> closedCaseReferences() {
        return driver().findElements(By.cssSelector(".ft-closed-cases tbody tr")).stream()
                .map(row -> row.getAttribute("data-reference")).toList();
    }

    /** The row of that case as the analyst reads it: reference, customer, plan, outcome, ... */
    public List<String> closedCaseRow(String reference) {
        WebElement row = driver().findElement(By.cssSelector(".ft-closed-cases tr[data-reference='" + reference + "']"));
        return row.findElements(By.cssSelector("th, td")).stream().map(CockpitBrowser::text).toList();
    }

    /** The caption above "Closed cases": what the list holds and the zone its times are in. */
    public String closedCasesCaption() {
        return text(driver().findElement(By.cssSelector(".ft-closed-cases caption")));
    }

    /** "Cases 1–20 of 45". */
    public String closedCasesPosition() {
        return text(driver().findElement(By.cssSelector(".ft-pager-position")));
    }

    /** Whether the list of closed cases has a next page, and if so, shows it. */
    public boolean nextClosedCases() {
        List<WebElement> next = driver().findElements(By.xpath("//nav[contains(@class,'ft-pager')]//button[normalize-space()='Next']"));
        if (next.isEmpty() || !next.get(0).isEnabled()) {
            return false;
        }
        String before = closedCasesPosition();
        scrollIntoView(next.get(0));
        next.get(0).click();
        waitFor(() -> "the next page of closed cases after " + before)
                .until(d -> !d.findElements(By.cssSelector(".ft-pager-position")).isEmpty() && !closedCasesPosition().equals(before));
        return true;
    }

    /** Follows the case's link in "Closed cases" to its history view and waits for its diagram and timeline. */
    public CockpitBrowser openCaseHistory(String reference) {
        WebElement link = driver().findElement(By.linkText(reference));
        scrollIntoView(link);
        link.click();
        waitForCaseHistory(reference);
        return this;
    }

    /** Opens a case's history by its address ({@code #/support-case/SC-2026-000042}), as a bookmark does. */
    public CockpitBrowser openCaseHistoryByAddress(String reference) {
        go("#/support-case/" + reference);
        waitForCaseHistory(reference);
        return this;
    }

    /** The ids of the diagram's elements the history view highlights as passed. */
    public List<String> highlightedSteps() {
        return driver().findElements(By.cssSelector(".ft-diagram .djs-element.ft-passed, .ft-diagram .djs-element.ft-passed-scope")).stream()
                .map(e -> e.getAttribute("data-element-id")).toList();
    }

    /** The timeline as it reads: each entry's kind and title, e.g. "Promise" and "Promise kept". */
    public List<Map.Entry<String, String>> timeline() {
        return driver().findElements(By.cssSelector(".ft-timeline .ft-event")).stream()
                .map(e -> Map.entry(text(e.findElement(By.cssSelector(".label"))), text(e.findElement(By.cssSelector(".ft-event-title")))))
                .toList();
    }

    /** The history view's table of steps as it reads: each step's name and who did it. */
    public List<Map.Entry<String, String>> steps() {
        return driver().findElements(By.cssSelector(".ft-steps tbody tr")).stream()
                .map(row -> Map.entry(text(row.findElement(By.tagName("th"))), text(row.findElements(By.tagName("td")).get(5))))
                .toList();
    }

    /** What the history view says of the case above the diagram: "Outcome" → "Solved after a callback". */
    public Map<String, String> caseSummary() {
        Map<String, String> facts = new LinkedHashMap<>();
        for (WebElement fact : driver().findElements(By.cssSelector(".ft-case-summary > div"))) {
            facts.put(text(fact.findElement(By.tagName("dt"))), text(fact.findElement(By.tagName("dd"))));
        }
        return facts;
    }

    /** Scrolls the history view so that the timeline's heading is at the top. */
    public CockpitBrowser scrollToTimeline() {
        scrollToTop(driver().findElement(By.id("ft-timeline-title")));
        return this;
    }

    // --- Cockpit's own views ---------------------------------------------------------------------------------------

    /** Cockpit's own view of a running process instance, with its diagram and activity tree. */
    public CockpitBrowser openProcessInstance(String processInstanceId) {
        go("#/process-instance/" + processInstanceId + "/runtime");
        waitFor(() -> "the diagram of process instance " + processInstanceId)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".djs-container")));
        return this;
    }

    /**
     * Opens a tab under the diagram of the open definition or instance page by its title, e.g. "Job Definitions" or
     * "Jobs", and waits until its table or its empty message is shown.
     */
    public CockpitBrowser openTab(String title) {
        WebElement tab = waitFor(() -> "the tab '" + title + "' among " + definitionTabs())
                .until(d -> d.findElements(By.cssSelector("ul.nav-tabs li a")).stream()
                        .filter(a -> a.getText().trim().equals(title)).findFirst().orElse(null));
        scrollIntoView(tab);
        tab.click();
        waitFor(() -> "the tab '" + title + "' to load").ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".ctn-tabbed-content .loader, .ctn-tabbed-content .loading"))
                        .stream().noneMatch(WebElement::isDisplayed));
        return this;
    }

    /** Opens a Cockpit page by its address ({@code #/process-instance/{id}/runtime}), as a bookmark does. */
    public CockpitBrowser openRoute(String route) {
        go(route);
        return this;
    }

    /** The red notifications Cockpit shows when one of its requests failed, after its requests had time to answer. */
    public List<String> errorNotifications() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return driver().findElements(By.cssSelector(".page-notifications .alert-danger, .notifications .alert-danger"))
                .stream().filter(WebElement::isDisplayed).map(CockpitBrowser::text).toList();
    }

    /** The buttons of the page that are shown (a read-only user should find no action among them). */
    public List<String> buttonsIn(String cssSelector) {
        return driver().findElements(By.cssSelector(cssSelector + " button")).stream()
                .filter(WebElement::isDisplayed).map(b -> b.getText().trim()).toList();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private void go(String route) {
        driver().get(baseUrl() + COCKPIT + route);
    }

    private void waitForDefinitionPage() {
        waitFor(() -> "a process definition page with its diagram")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".process-definition-runtime .djs-container, .djs-container")));
    }

    private void waitForClosedCases() {
        waitFor(() -> "the closed cases; the tab says: " + pluginText(".ft-closed-cases-tab"))
                .until(d -> !d.findElements(By.cssSelector(".ft-closed-cases-tab .ft-closed-cases, .ft-closed-cases-tab .alert")).isEmpty()
                        && d.findElements(By.cssSelector(".ft-closed-cases-tab[aria-busy]")).isEmpty());
    }

    private void waitForCaseHistory(String reference) {
        waitFor(() -> "the history of case " + reference + "; the page says: " + pluginText(".ft-case-history"))
                .until(d -> !d.findElements(By.cssSelector(".ft-case-history .ft-diagram .djs-container")).isEmpty()
                        && !d.findElements(By.cssSelector(".ft-case-history .ft-timeline")).isEmpty()
                        && d.findElements(By.cssSelector(".ft-case-history .ft-loading")).isEmpty());
    }

    private void clickButton(String within, String text) {
        WebElement button = driver().findElements(By.cssSelector(within + " button")).stream()
                .filter(b -> b.getText().trim().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + text + "' in " + within));
        scrollIntoView(button);
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    private void scrollToTop(WebElement element) {
        ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }

    /**
     * The element's text, also when it is scrolled out of Cockpit's view (Selenium's getText() is empty then): the
     * plugins' views scroll inside Cockpit's page.
     */
    private static String text(WebElement element) {
        return element.getDomProperty("textContent").replaceAll("\\s+", " ").trim();
    }

    private String pluginText(String cssSelector) {
        try {
            return driver().findElements(By.cssSelector(cssSelector)).stream().map(WebElement::getText).findFirst()
                    .orElse("(nothing: the plugin is not on the page)");
        } catch (StaleElementReferenceException changing) {
            return "(changing)";
        }
    }
}
