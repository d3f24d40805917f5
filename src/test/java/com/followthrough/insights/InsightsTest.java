package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Every KPI of {@code GET /api/insights} on a history with known answers: twelve cases driven through the real
 * process on one day far from the other tests' cases (3 March 2031), so a filter on that day counts only these.
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsTest {

    static final String DAY = "2031-03-03";
    static final Instant OPENING = CaseDriver.berlin(DAY + "T09:00");
    static final String ALEX = "alex:alex";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired SurveyAnswers answers;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private final List<CaseDriver> cases = new ArrayList<>();

    InsightsTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /**
     * Case n is opened n minutes after 09:00 (premium, email, normal priority: first response due within 4 working
     * hours, at 13:0n). Times below are minutes after the case was opened: L = listened (first response),
     * R = resolved.
     */
    @BeforeAll
    void generateHistory() {
        try {
            // 1: solved at first contact. L 10, R 60, rated 5. The customer writes at 20, answered at 50 (on time).
            rate(open(1, Map.of()).timeIs(at(1, 10)).listen("anna", Map.of())
                    .timeIs(at(1, 20)).customerWrites("Is the second debit reversed too?")
                    .timeIs(at(1, 50)).complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes, both."))
                    .diagnose("solved", "company")
                    .timeIs(at(1, 60)).resolve("company", 0).customerConfirmsTheSolution(), 5);
            // 2: a specialist. L 20, R 120, rated 4. The customer writes at 30, answered at 90 (on time).
            rate(open(2, Map.of()).timeIs(at(2, 20)).listen("anna", Map.of())
                    .timeIs(at(2, 30)).customerWrites("Any news?")
                    .timeIs(at(2, 90)).complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "A specialist looks at it."))
                    .diagnose("specialistNeeded", "unknown")
                    .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                            "faultParty", "company", "diagnosisOutcome", "solved"))
                    .timeIs(at(2, 120)).resolve("company", 0).customerConfirmsTheSolution(), 4);
            // 3: a promise kept. L 30, R 180, rated 5.
            rate(open(3, Map.of()).timeIs(at(3, 30)).listen("anna", Map.of()).diagnose("answerKnown", "company")
                    .promiseCallbackIn(Duration.ofHours(2)).timeIs(at(3, 120))
                    .callBack("Task_CallCustomerBack", "reachedSolved")
                    .timeIs(at(3, 180)).resolve("company", 0).customerConfirmsTheSolution(), 5);
            // 4: anna breaks a promise; a supervisor takes it over. L 40, R 240, rated 2, stays after the last-chance call.
            lastChance(rate(brokenPromise(open(4, Map.of()), 4, "anna", 40).timeIs(at(4, 240)).resolve("company", 0)
                    .customerConfirmsTheSolution(), 2), "stays");
            // 5: in German; jonas breaks a promise. L 50, R 300, rated 1, leaves.
            lastChance(rate(brokenPromise(open(5, Map.of("language", "de")), 5, "jonas", 50).timeIs(at(5, 300))
                    .resolve("company", 0).customerConfirmsTheSolution(), 1), "leaves");
            // 6: nobody listened in time: at 240 (the due time) a supervisor is asked for the first response. L 270,
            // R 360; no answer to the survey, and the missed service level brings a last-chance call nobody answers.
            CaseDriver late = open(6, Map.of());
            assertThat(late.variable("firstResponseDueAt")).isEqualTo(at(6, 240));
            late.timeIs(at(6, 240)).timerFires("Event_FirstResponseDue")
                    .timeIs(at(6, 250)).complete("Task_GiveFirstResponse", "maria",
                            Map.of("firstResponseNote", "Called", "reachedCustomerByPhone", "yes"))
                    .timeIs(at(6, 270)).listen("anna", Map.of()).diagnose("solved", "company")
                    .timeIs(at(6, 360)).resolve("company", 0).customerConfirmsTheSolution()
                    .timePasses(Duration.ofDays(14)).timerFires("Event_SurveyWindowOver");
            lastChance(late, "noAnswer");
            // 7: our fault, a small cost: refunded without asking. L 60, R 420. The customer writes at 70; nobody
            // answers by 310 (four premium working hours), a supervisor is asked and answers at 320 (late).
            open(7, Map.of()).timeIs(at(7, 60)).listen("anna", Map.of())
                    .timeIs(at(7, 70)).customerWrites("Will the fee be refunded?")
                    .timeIs(at(7, 310)).timerFires("Event_AnswerDue")
                    .timeIs(at(7, 320)).complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                            Map.of("whoAnswers", "myself", "replyText", "Yes, with the debit."))
                    .diagnose("solved", "company")
                    .timeIs(at(7, 420)).resolve("company", 15.0).customerConfirmsTheSolution()
                    .arrangeReimbursement("Task_ArrangeReimbursement", "anna");
            // 8: the customer asked for a discount; our fault and 250 EUR cost: the supervisor approves a refund.
            // L 70, R 480.
            open(8, Map.of()).timeIs(at(8, 70)).listen("anna", Map.of("discountRequested", true))
                    .diagnose("solved", "company").timeIs(at(8, 480)).resolve("company", 250.0)
                    .customerConfirmsTheSolution()
                    .complete("Task_ApproveReimbursement", "maria", Map.of("approvalDecision", "approve",
                            "approvalNote", "Our billing error"))
                    .arrangeReimbursement("Task_ArrangeReimbursement", "anna");
            // ... and the trace was left past its due date: the administrators are brought in, then maria traces it.
            CaseDriver traced = cases.get(7);
            traced.timeIs(traced.task("Task_TraceDiscountOffer").getDueDate()).timerFires("Event_DiscountTraceOverdue")
                    .complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A sales rep's newsletter"));
            // 9: 250 EUR, declined. L 80, R 540.
            open(9, Map.of()).timeIs(at(9, 80)).listen("anna", Map.of()).diagnose("solved", "company")
                    .timeIs(at(9, 540)).resolve("company", 250.0).customerConfirmsTheSolution()
                    .complete("Task_ApproveReimbursement", "maria", Map.of("approvalDecision", "decline",
                            "approvalNote", "Cost not documented"));
            // 10: a discount asked for where nobody at the company was at fault: traced. L 90, R 600.
            open(10, Map.of()).timeIs(at(10, 90)).listen("anna", Map.of("discountRequested", true))
                    .diagnose("solved", "customer").timeIs(at(10, 600)).resolve("customer", 0)
                    .customerConfirmsTheSolution()
                    .complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post"));
            // 11: open, enterprise, being diagnosed. L 100. The customer writes at 110: never answered.
            open(11, Map.of("plan", "enterprise")).timeIs(at(11, 100)).listen("anna", Map.of())
                    .timeIs(at(11, 110)).customerWrites("One more detail: it was the Visa card.");
            // 12: open, nobody has listened yet.
            open(12, Map.of());
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void countsTheCasesOpenedInThePeriodAndTheOpenOnesByStage() throws Exception {
        JsonNode insights = insights("from=" + DAY + "&to=" + DAY);

        assertThat(insights.at("/filter/from").asText()).isEqualTo(DAY);
        assertThat(insights.at("/cases/opened").asInt()).isEqualTo(12);
        assertThat(insights.at("/cases/open").asInt()).isEqualTo(2);
        assertThat(insights.at("/cases/closed").asInt()).isEqualTo(10);
        assertThat(insights.at("/cases/byStage").toString())
                .isEqualTo("[{\"stage\":\"diagnosing\",\"cases\":1},{\"stage\":\"listening\",\"cases\":1}]");
    }

    @Test
    void firstResponseOnTimeAndItsMedianAndP90() throws Exception {
        JsonNode firstResponse = insights("from=" + DAY + "&to=" + DAY).get("firstResponse");

        // Listened after 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 and (late) 270 minutes; case 12 is overdue.
        assertThat(firstResponse.get("measured").asInt()).isEqualTo(12);
        assertThat(firstResponse.get("onTime").asInt()).isEqualTo(10);
        assertThat(firstResponse.get("onTimePercent").asDouble()).isEqualTo(83.3);
        assertThat(firstResponse.get("medianMinutes").asDouble()).isEqualTo(60.0);
        assertThat(firstResponse.get("p90Minutes").asDouble()).isEqualTo(100.0);
    }

    @Test
    void nextReplyOnTimeAndItsMedianAndP90() throws Exception {
        JsonNode nextReply = insights("from=" + DAY + "&to=" + DAY).get("nextReply");

        // Messages answered after 30 (case 1), 60 (case 2) and, late, 250 minutes (case 7); case 11's is still
        // unanswered on 20 March, long past due: measured and late, with no minutes yet.
        assertThat(nextReply.get("messages").asInt()).isEqualTo(4);
        assertThat(nextReply.get("measured").asInt()).isEqualTo(4);
        assertThat(nextReply.get("onTime").asInt()).isEqualTo(2);
        assertThat(nextReply.get("onTimePercent").asDouble()).isEqualTo(50.0);
        assertThat(nextReply.get("medianMinutes").asDouble()).isEqualTo(60.0);
        // p90 between the 2nd and 3rd value: 60 + 0.8 * (250 - 60).
        assertThat(nextReply.get("p90Minutes").asDouble()).isEqualTo(212.0);
    }

    @Test
    void resolutionMedianAndP90() throws Exception {
        JsonNode resolution = insights("from=" + DAY + "&to=" + DAY).get("resolution");

        // Resolved after 60, 120, ..., 600 minutes: median between 300 and 360, p90 at 540 + 0.1 * 60.
        assertThat(resolution.get("measured").asInt()).isEqualTo(10);
        assertThat(resolution.get("medianMinutes").asDouble()).isEqualTo(330.0);
        assertThat(resolution.get("p90Minutes").asDouble()).isEqualTo(546.0);
    }

    @Test
    void promisesKeptAndBrokenWithWhoBrokeThem() throws Exception {
        JsonNode promises = insights("from=" + DAY + "&to=" + DAY).get("promises");

        assertThat(promises.get("made").asInt()).isEqualTo(3);
        assertThat(promises.get("kept").asInt()).isEqualTo(1);
        assertThat(promises.get("broken").asInt()).isEqualTo(2);
        assertThat(promises.get("open").asInt()).isZero();
        assertThat(promises.get("keptPercent").asDouble()).isEqualTo(33.3);
        assertThat(promises.get("brokenByOwner").toString()).isEqualTo(
                "[{\"owner\":\"anna\",\"name\":\"Anna Clarke\",\"broken\":1},"
                        + "{\"owner\":\"jonas\",\"name\":\"Jonas Becker\",\"broken\":1}]");
    }

    @Test
    void escalationsToSpecialistsAndSupervisors() throws Exception {
        JsonNode escalations = insights("from=" + DAY + "&to=" + DAY).get("escalations");

        assertThat(escalations.get("toSpecialists").asInt()).isEqualTo(1);
        // Two promises at risk (cases 4 and 5), one overdue first response (case 6), one overdue answer (case 7).
        assertThat(escalations.get("toSupervisors").asInt()).isEqualTo(4);
        // The discount trace the supervisors left past its due date (case 8).
        assertThat(escalations.get("toAdministrators").asInt()).isEqualTo(1);
    }

    @Test
    void reimbursementsOfferedProactivelyOrAfterTheCustomerAskedAndDiscountRequestsTraced() throws Exception {
        JsonNode insights = insights("from=" + DAY + "&to=" + DAY);
        JsonNode reimbursements = insights.get("reimbursements");

        assertThat(reimbursements.get("offered").asInt()).isEqualTo(2);
        assertThat(reimbursements.get("offeredProactively").asInt()).isEqualTo(1);
        assertThat(reimbursements.get("requestedByCustomer").asInt()).isEqualTo(1);
        assertThat(reimbursements.get("approved").asInt()).isEqualTo(1);
        assertThat(reimbursements.get("declined").asInt()).isEqualTo(1);
        assertThat(reimbursements.get("amountOffered").decimalValue()).isEqualByComparingTo("265.00");
        assertThat(reimbursements.get("currency").asText()).isEqualTo("EUR");
        assertThat(insights.at("/discountRequests/requested").asInt()).isEqualTo(2);
        assertThat(insights.at("/discountRequests/traced").asInt()).as("traced whoever was at fault").isEqualTo(2);
        JsonNode bySource = insights.at("/discountRequests/bySource");
        assertThat(bySource).hasSize(1);
        assertThat(bySource.get(0).get("step").asText()).isEqualTo("Task_ListenToCustomer");
        assertThat(bySource.get(0).get("stepName").asText()).isEqualTo("Listen to the customer");
        assertThat(bySource.get(0).get("recordedBy").asText()).isEqualTo("anna");
        assertThat(bySource.get(0).get("name").asText()).isEqualTo("Anna Clarke");
        assertThat(bySource.get(0).get("requests").asInt()).isEqualTo(2);
    }

    @Test
    void satisfactionRatingsAndLastChanceOutcomes() throws Exception {
        JsonNode insights = insights("from=" + DAY + "&to=" + DAY);

        JsonNode satisfaction = insights.get("satisfaction");
        assertThat(satisfaction.get("surveysSent").asInt()).isEqualTo(10);
        assertThat(satisfaction.get("answered").asInt()).isEqualTo(5);
        assertThat(satisfaction.get("averageRating").asDouble()).isEqualTo(3.4);
        assertThat(satisfaction.get("ratings").toString()).isEqualTo("{\"1\":1,\"2\":1,\"3\":0,\"4\":1,\"5\":2}");
        assertThat(insights.get("lastChance").toString())
                .isEqualTo("{\"calls\":3,\"stays\":1,\"leaves\":1,\"noAnswer\":1}");
    }

    @Test
    void filtersByPeriodPlanLanguageAndProcessVersion() throws Exception {
        int version = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .latestVersion().singleResult().getVersion();

        assertThat(insights("from=2031-03-04&to=2031-03-31").at("/cases/opened").asInt()).isZero();
        assertThat(insights("from=2031-03-01&to=" + DAY).at("/cases/opened").asInt()).isEqualTo(12);
        JsonNode german = insights("from=" + DAY + "&to=" + DAY + "&language=de");
        assertThat(german.at("/cases/opened").asInt()).isEqualTo(1);
        assertThat(german.at("/promises/brokenByOwner/0/owner").asText()).isEqualTo("jonas");
        JsonNode enterprise = insights("from=" + DAY + "&to=" + DAY + "&plan=enterprise");
        assertThat(enterprise.at("/cases/opened").asInt()).isEqualTo(1);
        assertThat(enterprise.at("/cases/byStage/0/stage").asText()).isEqualTo("diagnosing");
        assertThat(insights("from=" + DAY + "&to=" + DAY + "&processVersion=" + version).at("/cases/opened").asInt())
                .isEqualTo(12);
        assertThat(insights("from=" + DAY + "&to=" + DAY + "&processVersion=" + (version + 1)).at("/cases/opened")
                .asInt()).isZero();
    }

    @Test
    void closedCasesNewestFirstAPageAtATime() throws Exception {
        JsonNode page = get("/api/insights/cases?from=" + DAY + "&to=" + DAY + "&first=5&max=3");

        assertThat(page.get("total").asInt()).isEqualTo(10);
        assertThat(page.get("first").asInt()).isEqualTo(5);
        assertThat(page.get("cases").findValuesAsText("reference"))
                .containsExactly(reference(5), reference(4), reference(3));
        JsonNode fourth = page.get("cases").get(1);
        assertThat(fourth.get("customerName").asText()).isEqualTo("Jane Doe");
        assertThat(fourth.get("owner").asText()).isEqualTo("anna");
        assertThat(fourth.get("outcome").asText()).isEqualTo("solvedAfterCallback");
        assertThat(fourth.get("promisesKept").asInt()).isZero();
        assertThat(fourth.get("promisesBroken").asInt()).isEqualTo(1);
        assertThat(fourth.get("rating").asInt()).isEqualTo(2);
        assertThat(fourth.get("processInstanceId").asText()).isEqualTo(cases.get(3).instance.getId());
        assertThat(fourth.get("openedAt").asText()).isEqualTo(OPENING.plus(Duration.ofMinutes(4)).toString());
        assertThat(page.get("cases").get(2).get("outcome").asText()).isEqualTo("solvedAfterCallback");

        JsonNode first = get("/api/insights/cases?from=" + DAY + "&to=" + DAY);
        assertThat(first.get("cases").findValuesAsText("outcome")).containsExactly("solvedAtFirstContact",
                "solvedAtFirstContact", "solvedAtFirstContact", "solvedAtFirstContact", "solvedAtFirstContact",
                "solvedAfterCallback", "solvedAfterCallback", "solvedAfterCallback", "solvedBySpecialist",
                "solvedAtFirstContact");
        JsonNode open = get("/api/insights/cases?state=open&from=" + DAY + "&to=" + DAY + "&processDefinitionId="
                + cases.get(0).instance.getProcessDefinitionId());
        assertThat(open.get("cases").findValuesAsText("reference")).containsExactly(reference(12), reference(11));
    }

    @Test
    void timelineOfACaseWithABrokenPromise() throws Exception {
        CaseDriver brokenPromise = cases.get(3);
        JsonNode timeline = get("/api/insights/cases/" + brokenPromise.reference + "/timeline");

        assertThat(timeline.get("processInstanceId").asText()).isEqualTo(brokenPromise.instance.getId());
        assertThat(timeline.get("outcome").asText()).isEqualTo("solvedAfterCallback");
        List<String> activities = timeline.get("activities").findValuesAsText("activityId");
        assertThat(activities).contains("StartEvent_CaseOpened", "Task_ListenToCustomer", "CallActivity_KeepPromise",
                "Task_KeepPromiseAtRisk", "EndEvent_CaseClosed");
        assertThat(activities).containsSubsequence("Task_ListenToCustomer", "Task_PromiseCallback",
                "Task_RecordPromise", "Task_BreakPromise", "Task_ResolveProblem");
        JsonNode breakPromise = timeline.get("activities").get(activities.indexOf("Task_BreakPromise"));
        assertThat(breakPromise.get("processDefinitionKey").asText()).isEqualTo(Processes.KEEP_PROMISE);
        JsonNode listen = timeline.get("activities").get(activities.indexOf("Task_ListenToCustomer"));
        assertThat(listen.get("assignee").asText()).as("the JSON keeps the user id").isEqualTo("anna");
        assertThat(listen.get("assigneeName").asText()).as("beside the name a person reads").isEqualTo("Anna Clarke");
        assertThat(listen.get("endedAt").asText()).isEqualTo(OPENING.plus(Duration.ofMinutes(4 + 40)).toString());

        List<String> titles = timeline.get("events").findValuesAsText("title");
        assertThat(timeline.get("events").findValuesAsText("type")).contains("task", "message", "promise", "decision");
        assertThat(titles).containsSubsequence("To the customer: acknowledgment", "Listen to Jane Doe — " + brokenPromise.reference,
                "Promise made by Anna Clarke", "Promise broken", "Keep the promise to Jane Doe — " + brokenPromise.reference, "To the customer: closing summary");
        List<String> times = timeline.get("events").findValuesAsText("at");
        assertThat(times).isSortedAccordingTo(Comparator.comparing(Instant::parse));
    }

    @Test
    void theStepsAPersonReadsAreNamedAsTheDesignerNamedThemAndUnnamedStepsHaveNoName() throws Exception {
        JsonNode timeline = get("/api/insights/cases/" + cases.get(3).reference + "/timeline");

        List<String> ids = timeline.get("activities").findValuesAsText("activityId");
        assertThat(ids).as("the JSON keeps every step's id").contains("Gateway_CaseEntered", "Task_ListenToCustomer");
        List<String> shown = new ArrayList<>();
        for (JsonNode activity : timeline.get("activities")) {
            if (activity.hasNonNull("activityName")) {
                shown.add(activity.get("activityName").asText());
            } else {
                assertThat(activity.get("activityId").asText()).as("only a step without a name in the model has none")
                        .doesNotStartWith("Task_");
            }
        }
        assertThat(shown).as("what the history view lists").contains("Listen to the customer")
                .noneMatch(name -> name.matches(".*\\b(Task|Gateway|Event|StartEvent|EndEvent|CallActivity|Flow)_\\w+.*"));
        for (JsonNode event : timeline.get("events")) {
            assertThat(event.get("title").asText() + " " + event.path("detail").asText())
                    .doesNotContainPattern("\\b(Task|Gateway|Event)_\\w+").doesNotContain("by anna", "with anna");
        }
    }

    // --- the history ----------------------------------------------------------------------------------------------

    private CaseDriver open(int n, Map<String, Object> overrides) {
        ClockUtil.setCurrentTime(at(n, 0));
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        CaseDriver opened = CaseDriver.open(engine, inbox, messages, promises, variables);
        cases.add(opened);
        return opened;
    }

    /** {@code minutes} after case n was opened (n minutes after 09:00). */
    private static Date at(int n, int minutes) {
        return Date.from(OPENING.plus(Duration.ofMinutes(n + minutes)));
    }

    private static CaseDriver brokenPromise(CaseDriver c, int n, String owner, int listenedAt) {
        return c.timeIs(at(n, listenedAt)).listen(owner, Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1))
                .timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .timePasses(Duration.ofMinutes(10))
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Called myself"))
                .callBack("Task_CallCustomerBack", "reachedSolved");
    }

    private CaseDriver rate(CaseDriver closed, int rating) {
        answers.answer(closed.reference, closed.surveyToken(), rating, null);
        closed.runAsyncSteps();
        return closed;
    }

    /** A broken promise brings its call at closing and a poor rating one of its own: the supervisor makes each. */
    private void lastChance(CaseDriver c, String outcome) {
        while (c.openTasks().stream().anyMatch(t -> t.getTaskDefinitionKey().equals("Task_CallForALastChance"))) {
            var call = c.openTasks().stream().filter(t -> t.getTaskDefinitionKey().equals("Task_CallForALastChance"))
                    .findFirst().orElseThrow();
            engine.getTaskService().claim(call.getId(), "maria");
            engine.getTaskService().complete(call.getId(), Map.of("lastChanceOutcome", outcome));
            c.runAsyncSteps();
        }
    }

    private String reference(int n) {
        return cases.get(n - 1).reference;
    }

    private JsonNode insights(String query) throws Exception {
        return get("/api/insights?" + query);
    }

    private JsonNode get(String path) throws Exception {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2031-03-20T12:00")));
        try {
            HttpResponse<String> response = http.get(path, ALEX);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } finally {
            ClockUtil.reset();
        }
    }
}
