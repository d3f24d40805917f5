package com.followthrough.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughApplication;
import com.followthrough.cockpit.CockpitBrowser;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.tasklist.TasklistBrowser;
import com.followthrough.vocabulary.Processes;

/**
 * The manual's screenshots of Tasklist and Cockpit (docs/images/tasklist-*.png and cockpit-*.png), taken again on
 * demand: not a test of the build (its name ends in neither Test nor IT, so {@code ./mvnw verify} leaves it out).
 * It starts the app with the demo profile on a fresh H2 file and no generated history, opens eight cases over
 * {@code /api} as {@code portal} and works them over {@code /engine-rest} as the demo users (two closed on the last
 * working day, one cancelled, five open: one about to breach, one callback past its time, one callback to promise,
 * one with the specialists, one German case in the queue), then logs into Tasklist and Cockpit in Debian's headless
 * Chromium ({@link WebappBrowser}) and saves the five pictures, 1280 by 800, into docs/images/:
 *
 * <pre>
 * ./mvnw -o test -Dtest=ManualPictures -Dsurefire.failIfNoSpecifiedTests=false -Dpostgres.skip=true -Djacoco.skip=true
 * </pre>
 *
 * The steps of the past happen with the engine's clock moved back (as the browser tests do), so the pictures show
 * due dates, warnings and a broken promise as a team sees them during a working day.
 */
@SpringBootTest(classes = FollowThroughApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "follow-through.demo.history.cases=0")
@ActiveProfiles("demo")
class ManualPictures {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Path IMAGES = Path.of("docs", "images");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern SURVEY_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");
    /** How the date fields read and take a date: day first (Tasklist script date-pickers.js). */
    private static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser(BERLIN);
    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser(BERLIN);

    @LocalServerPort int port;
    @Autowired CustomerMessages messages;
    private final ObjectMapper json = new ObjectMapper();

    /** A fresh H2 file of its own, so that nothing of an earlier run or of ./data shows in the pictures. */
    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "manual-pictures-");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + directory.toAbsolutePath().resolve("demo")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0");
    }

    @AfterEach
    void backInRealTime() {
        ClockUtil.reset();
    }

    @Test
    void theManualsPictures() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        LocalDate lastWorkingDay = lastWorkingDayBefore(LocalDate.now(BERLIN));

        String solvedAfterACallback = casesOfTheLastWorkingDay(lastWorkingDay);
        openCases(now);

        tasklist.viewport(WIDTH, HEIGHT);
        tasklist.logInAs("anna").openFilter(TasklistFilters.ABOUT_TO_BREACH).waitForText("Answer Lena Vogt");
        picture(tasklist, "tasklist-about-to-breach");

        tasklist.openFilter(TasklistFilters.MY_TASKS);
        String promise = task("Priya Raman", "Task_PromiseCallback").path("id").asText();
        tasklist.openTask("Promise Priya Raman a callback — " + reference("Priya Raman"), promise)
                .waitForText("Messages so far")
                .fill("Your next actions", "I will ask our developers to export your October invoices for you.")
                .fill("Callback date", LocalDate.now(BERLIN).plusDays(1).format(FORM_DATE))
                .fill("Callback time", "10:00")
                .fill("Number you will call", "+44 20 7946 0958");
        picture(tasklist, "tasklist-promise-callback");

        tasklist.logInAs("maria").openFilter(TasklistFilters.OVERDUE_PROMISES).waitForText("Keep the promise to Tom");
        picture(tasklist, "tasklist-overdue-promises");

        cockpit.viewport(WIDTH, HEIGHT);
        cockpit.logInAs("alex").openDashboard();
        assertThat(cockpit.kpis()).containsEntry("cases.opened", "8");
        picture(cockpit, "cockpit-support-insights");

        cockpit.openCaseHistoryByAddress(solvedAfterACallback);
        assertThat(cockpit.caseSummary()).containsEntry("Outcome", "Solved after a callback");
        picture(cockpit, "cockpit-case-history");
    }

    // --- the cases ---------------------------------------------------------------------------------------------------

    /**
     * Two cases solved and closed, one after a callback kept (whose reference is returned), each rated by the
     * customer, and one cancelled by the administrator with a callback promised.
     */
    private String casesOfTheLastWorkingDay(LocalDate day) throws Exception {
        at(day, "09:12");
        String ryan = open("Ryan Hughes", "ryan.hughes@example.org", "+44 20 7946 0321", "premium", "en", "phone",
                "high", "Charged twice for November",
                "My card was charged twice for the November invoice and my account is now overdrawn.");
        at(day, "09:20");
        listen("anna", ryan, "Charged twice for November, account overdrawn", "+44 20 7946 0321");
        at(day, "09:41");
        work("anna", ryan, "Task_DiagnoseProblem", Map.of("diagnosis", "The billing run of 2 November ran twice",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        at(day, "09:48");
        work("anna", ryan, "Task_PromiseCallback", Map.of(
                "nextActions", "I will ask billing to reverse the second debit and call you once it is done.",
                "callbackAt", day.atTime(14, 0).atZone(BERLIN).toOffsetDateTime().toString(),
                "callbackNumber", "+44 20 7946 0321"));

        at(day, "10:05");
        String oliver = open("Oliver Bennett", "oliver.bennett@example.org", "+44 161 496 0754", "standard", "en",
                "email", "normal", "Where do I find my invoices?", "I cannot find the invoices for this year.");
        at(day, "10:31");
        listen("anna", oliver, "Cannot find this year's invoices", "+44 161 496 0754");
        at(day, "10:38");
        work("anna", oliver, "Task_DiagnoseProblem", Map.of("diagnosis", "The invoices are under Account, Billing",
                "faultParty", "customer", "diagnosisOutcome", "solved"));
        at(day, "10:44");
        work("anna", oliver, "Task_ResolveProblem", Map.of("resolutionSummary",
                "Showed Oliver where his invoices are (Account, Billing).", "faultParty", "customer",
                "customerCost", 0.0));
        at(day, "11:30");
        confirm(oliver);

        at(day, "13:52");
        work("anna", ryan, "Task_CallCustomerBack", Map.of("callbackOutcome", "reachedSolved",
                "callbackNotes", "Billing reversed the debit; Ryan sees the money back on his account."));
        at(day, "14:03");
        work("anna", ryan, "Task_ResolveProblem", Map.of("resolutionSummary",
                "The second debit was reversed; the bank waived its overdraft fee.", "faultParty", "company",
                "customerCost", 0.0));

        at(day, "15:02");
        String marta = open("Marta Kowalski", "marta.kowalski@example.org", "+49 30 901820", "premium", "en",
                "email", "normal", "Close my second account", "Please close the second account I opened by mistake.");
        at(day, "15:10");
        confirm(ryan);
        at(day, "15:20");
        listen("anna", marta, "Wants her second account closed", "+49 30 901820");
        at(day, "15:31");
        work("anna", marta, "Task_DiagnoseProblem", Map.of("diagnosis", "A duplicate account from the sign-up form",
                "faultParty", "customer", "diagnosisOutcome", "answerKnown"));
        at(day, "15:36");
        work("anna", marta, "Task_PromiseCallback", Map.of(
                "nextActions", "I will check the second account has no open invoices and call you.",
                "callbackAt", day.atTime(17, 0).atZone(BERLIN).toOffsetDateTime().toString(),
                "callbackNumber", "+49 30 901820"));
        at(day, "15:40");
        answerSurvey(oliver, 4, "Quick and friendly.");
        at(day, "16:05");
        // Marta closed the account herself and asked by phone to drop the case: the administrator cancels it.
        cancel(marta);
        at(day, "17:25");
        answerSurvey(ryan, 5, "Anna called back exactly when she said she would.");
        return ryan;
    }

    /**
     * Five open cases: anna's answer to Lena Vogt due in 20 minutes (about to breach), Tom Fischer's callback half an
     * hour past its time (a promise at risk for the supervisors), Emma Wilson's case with the specialists, and two
     * opened just now: Priya Raman's, whose callback anna is about to promise, and a German one in the queue.
     */
    private void openCases(Instant now) throws Exception {
        // Enterprise: next reply within two hours, around the clock; Lena wrote 100 minutes ago.
        at(now.minus(Duration.ofMinutes(130)));
        String lena = open("Lena Vogt", "lena.vogt@example.org", "+49 89 2180 3344", "enterprise", "en", "email",
                "normal", "Second debit for the same invoice", "Invoice 2026-1187 was debited twice this month.");
        at(now.minus(Duration.ofMinutes(115)));
        listen("anna", lena, "Invoice 2026-1187 debited twice", "+49 89 2180 3344");
        at(now.minus(Duration.ofMinutes(100)));
        customerWrites(lena, "Is the second debit reversed too? My bank charges me a fee for it.");

        at(now.minus(Duration.ofMinutes(75)));
        String tom = open("Tom Fischer", "tom.fischer@example.org", "+49 40 3390 7781", "enterprise", "en", "phone",
                "high", "Users locked out after the update", "Since today's update none of our users can log in.");
        at(now.minus(Duration.ofMinutes(70)));
        listen("anna", tom, "Nobody in his company can log in since the update", "+49 40 3390 7781");
        at(now.minus(Duration.ofMinutes(62)));
        work("anna", tom, "Task_DiagnoseProblem", Map.of("diagnosis", "The update reset their single sign-on setting",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        at(now.minus(Duration.ofMinutes(60)));
        work("anna", tom, "Task_PromiseCallback", Map.of(
                "nextActions", "I will ask our operations team to restore your sign-on setting and call you.",
                "callbackAt", now.minus(Duration.ofMinutes(30)).atZone(BERLIN).toOffsetDateTime().toString(),
                "callbackNumber", "+49 40 3390 7781"));

        at(now.minus(Duration.ofMinutes(50)));
        String emma = open("Emma Wilson", "emma.wilson@example.org", "+44 117 496 0188", "premium", "en", "chat",
                "normal", "Export to our accounting tool fails", "The DATEV export stops with error E-412.");
        at(now.minus(Duration.ofMinutes(44)));
        listen("anna", emma, "DATEV export fails with E-412", "+44 117 496 0188");
        at(now.minus(Duration.ofMinutes(35)));
        work("anna", emma, "Task_DiagnoseProblem", Map.of("diagnosis", "E-412 comes from the export service",
                "faultParty", "unknown", "diagnosisOutcome", "specialistNeeded"));

        // Back in real time: the job executor fires Tom's callback timer, the supervisors get the promise at risk.
        realTime();
        task("Tom Fischer", "Task_KeepPromiseAtRisk");

        String priya = open("Priya Raman", "priya@example.org", "+44 20 7946 0958", "premium", "en", "phone",
                "urgent", "Cannot export my invoices",
                "The export button spins forever and I need the invoices for my accountant today.");
        listen("anna", priya, "Export of invoices never finishes", "+44 20 7946 0958");
        work("anna", priya, "Task_DiagnoseProblem", Map.of("diagnosis",
                "The export times out for more than 100 invoices", "faultParty", "company",
                "diagnosisOutcome", "answerKnown"));
        task("Priya Raman", "Task_PromiseCallback");

        open("Klaus Becker", "klaus.becker@example.de", "+49 221 4710 552", "standard", "de", "web", "normal",
                "Rechnung doppelt abgebucht", "Die Rechnung vom November wurde zweimal abgebucht.");
    }

    // --- as the portal and the demo users, over HTTP -----------------------------------------------------------------

    private final Map<String, String> references = new LinkedHashMap<>();

    private String open(String name, String email, String phone, String plan, String language, String channel,
                        String priority, String subject, String description) throws Exception {
        Map<String, Object> body = Map.of("customer", Map.of("name", name, "email", email, "phone", phone,
                "plan", plan), "language", language, "channel", channel, "priority", priority, "subject", subject,
                "description", description);
        JsonNode opened = ok(http().postJson("/api/cases", "portal:portal", json.writeValueAsString(body)));
        String reference = opened.path("reference").asText();
        references.put(name, reference);
        return reference;
    }

    private String reference(String name) {
        return references.get(name);
    }

    private void listen(String agent, String reference, String problem, String phone) throws Exception {
        work(agent, reference, "Task_ListenToCustomer", Map.of("spokeToCustomer", "yes",
                "problemInCustomersWords", problem, "questionsAsked", "Since when? Which invoice or account?",
                "factsGathered", "Checked the account and its last invoices while we spoke",
                "preferredContactChannel", "phone", "callbackNumber", phone, "discountRequested", false));
    }

    private void customerWrites(String reference, String text) throws Exception {
        ok(http().postJson("/api/cases/" + reference + "/messages", "portal:portal",
                json.writeValueAsString(Map.of("text", text, "channel", "email"))));
        task(reference, "Task_AnswerCustomerMessage");
    }

    /** Once the case waits for it (its solution sent), the customer confirms the solution on the portal. */
    private void confirm(String reference) throws Exception {
        String instance = processInstanceId(reference);
        waitUntil(() -> "case " + reference + " to wait for the customer's confirmation", () -> ok(http().get(
                "/engine-rest/event-subscription?eventName=Message_ResolutionConfirmed&processInstanceId=" + instance,
                "demo:demo")).size() == 1 && ok(http().get("/engine-rest/job?messages=true&processInstanceId="
                + instance, "demo:demo")).isEmpty());
        ok(http().send(http().request("/api/cases/" + reference + "/confirmation", "portal:portal")
                .POST(HttpRequest.BodyPublishers.noBody())));
        waitUntil(() -> "case " + reference + " closed", () -> "closed".equals(
                ok(http().get("/api/cases/" + reference, "portal:portal")).path("status").asText()));
    }

    /** The customer follows the link in the survey mail (read from the case's messages, as their mailbox holds it). */
    private void answerSurvey(String reference, int rating, String comment) throws Exception {
        waitUntil(() -> "the survey of case " + reference, () -> messages.ofCase(reference).stream()
                .anyMatch(m -> m.kind() == MessageKind.SATISFACTION_SURVEY));
        CustomerMessage survey = messages.ofCase(reference).stream()
                .filter(m -> m.kind() == MessageKind.SATISFACTION_SURVEY).reduce((first, last) -> last).orElseThrow();
        Matcher token = SURVEY_TOKEN.matcher(survey.body());
        assertThat(token.find()).as("a survey link in %s", survey.body()).isTrue();
        ok(http().postJson("/api/cases/" + reference + "/satisfaction", null, json.writeValueAsString(
                Map.of("token", token.group(1), "rating", rating, "comment", comment))));
    }

    /** The administrator cancels the case in Cockpit, which deletes it over the engine's REST API. */
    private void cancel(String reference) throws Exception {
        ok(http().send(http().request("/engine-rest/process-instance/" + processInstanceId(reference), "demo:demo")
                .DELETE()));
    }

    private String processInstanceId(String reference) throws Exception {
        JsonNode instances = ok(http().get("/engine-rest/process-instance?processDefinitionKey="
                + Processes.SUPPORT_CASE + "&businessKey=" + reference, "demo:demo"));
        return instances.get(0).path("id").asText();
    }

    /** The user claims the case's open task of that kind if nobody holds it, and completes its form as entered. */
    private void work(String user, String reference, String taskKey, Map<String, Object> entered) throws Exception {
        jobsDone();
        JsonNode task = task(reference, taskKey);
        String id = task.path("id").asText();
        if (task.path("assignee").isNull() || task.path("assignee").isMissingNode()) {
            ok(http().postJson("/engine-rest/task/" + id + "/claim", user + ":" + user,
                    json.writeValueAsString(Map.of("userId", user))));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        entered.forEach((name, value) -> variables.put(name, value instanceof Double
                ? Map.of("value", value, "type", "Double") : Map.of("value", value)));
        ok(http().postJson("/engine-rest/task/" + id + "/submit-form", user + ":" + user,
                json.writeValueAsString(Map.of("variables", variables))));
    }

    /** The case's one open task of that kind, once the job executor has brought it (by reference or by name). */
    private JsonNode task(String referenceOrName, String taskKey) throws Exception {
        String reference = references.getOrDefault(referenceOrName, referenceOrName);
        String path = "/engine-rest/task?taskDefinitionKey=" + taskKey + "&processInstanceBusinessKey="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8);
        JsonNode[] found = new JsonNode[1];
        waitUntil(() -> "the task " + taskKey + " of case " + reference, () -> {
            JsonNode tasks = ok(http().get(path, "demo:demo"));
            found[0] = tasks.size() == 1 ? tasks.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri(),
                response.body()).isBetween(200, 299);
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    private AppHttp http() {
        return new AppHttp(port);
    }

    // --- time and pictures -------------------------------------------------------------------------------------------

    private static LocalDate lastWorkingDayBefore(LocalDate today) {
        LocalDate day = today.minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }

    private void at(LocalDate day, String berlinTime) throws Exception {
        at(day.atTime(LocalTime.parse(berlinTime)).atZone(BERLIN).toInstant());
    }

    /**
     * Moves the engine's clock once the job executor has done what was due, and lets it do what falls due by then:
     * a job still running when the clock jumps past its lock would be taken again, and a person's step racing a
     * timer is refused (409, "Someone else changed this task").
     */
    private void at(Instant moment) throws Exception {
        jobsDone();
        ClockUtil.setCurrentTime(Date.from(moment));
        jobsDone();
    }

    private void realTime() throws Exception {
        jobsDone();
        ClockUtil.reset();
        jobsDone();
    }

    private void jobsDone() throws Exception {
        waitUntil(() -> "the job executor to run the jobs due", () -> ok(http().get("/engine-rest/job?executable=true",
                "demo:demo")).isEmpty());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Supplier<String> what, Check check) throws Exception {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (!check.holds()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what.get());
            }
            Thread.sleep(200);
        }
    }

    /** Keeps the browser's screen as docs/images/{name}.png (and under target/screenshots/, as every screenshot). */
    private static void picture(WebappBrowser browser, String name) throws IOException {
        browser.handsOff();
        Files.copy(browser.screenshot(name), IMAGES.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
