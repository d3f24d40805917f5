package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.casefile.CaseFile;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.process.CaseDriver;
import com.followthrough.process.ProcessCoverage;
import com.followthrough.promise.Promises;

/**
 * How tasks read in Tasklist: the name and description in the list, the due dates, and the case context their forms
 * show (deadlines, open promises, messages so far), with times as the support team reads them (Europe/Berlin).
 */
@FollowThroughSpringTest
class TaskPresentationTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension coverage = ProcessCoverage.extension();

    @BeforeAll
    static void recordCoverageOnTheSpringEngine(ApplicationContext spring) {
        ProcessCoverage.useSpringEngine(coverage, spring);
    }

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CaseContext caseContext;

    @BeforeEach
    void startOnMondayMorning() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private CaseDriver open(Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        return CaseDriver.open(engine, inbox, messages, promises, variables);
    }

    @Test
    void theListShowsWhomToListenToForWhichCaseAndByWhen() {
        CaseDriver c = open(Map.of("priority", "urgent"));

        Task listen = c.task("Task_ListenToCustomer");
        assertThat(listen.getName()).isEqualTo("Listen to Jane Doe — " + c.reference);
        assertThat(listen.getDueDate()).isEqualTo(c.variable("firstResponseDueAt"));
        assertThat(listen.getDescription()).isEqualTo("Hear Jane Doe out about “Invoice shows the wrong amount” and ask"
                + " questions until you have all the facts. Whoever completes this owns the case. Due Mon 23 Nov, "
                + berlinTime(listen.getDueDate()) + " CET.");
        assertThat(listen.getPriority()).as("an urgent case's task comes first").isEqualTo(100);
    }

    @Test
    void theCallbackIsNamedForTheCustomerAndDueAtThePromisedTimeWithAReminderBefore() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company");
        Task promise = c.task("Task_PromiseCallback");
        assertThat(promise.getName()).isEqualTo("Promise Jane Doe a callback — " + c.reference);
        assertThat(promise.getDueDate()).as("within one update interval of the premium plan")
                .isAfter(Date.from(CaseDriver.now())).isBeforeOrEqualTo(c.variable("resolutionDueAt") instanceof Date d ? d : null);

        c.promiseCallbackIn(Duration.ofDays(2));

        Task callback = c.task("Task_CallCustomerBack");
        assertThat(callback.getName()).isEqualTo("Call back Jane Doe — " + c.reference);
        assertThat(callback.getDescription()).isEqualTo("You promised to call Jane Doe back on +1 555 0100. Do what you"
                + " promised. Due Wed 25 Nov, 09:00 CET. Follow up from Wed 25 Nov, 08:45 CET.");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                .processDefinitionKey("KeepPromise").count()).as("the callback is a task of the called KeepPromise").isOne();
    }

    @Test
    void listenStartsFromTheProblemAsWrittenAtIntakeAndLaterFormsShowItAgainOnlyWhenPutDifferently() {
        CaseDriver c = open(Map.of());
        Object description = c.variable("description");

        assertThat(engine.getTaskService().getVariable(c.task("Task_ListenToCustomer").getId(), "problemInCustomersWords"))
                .as("Listen's field is pre-filled, not typed twice").isEqualTo(description);
        c.listen("anna", Map.of("problemInCustomersWords", description));
        assertThat((String) engine.getTaskService().getVariableLocal(c.task("Task_DiagnoseProblem").getId(),
                "shownProblemInCustomersWords")).as("the same words are not shown twice").isNullOrEmpty();

        CaseDriver edited = open(Map.of()).listen("anna", Map.of("problemInCustomersWords", "Charged twice for November"));
        assertThat(edited.variable("problemInCustomersWords")).isEqualTo("Charged twice for November");
        assertThat(engine.getTaskService().getVariableLocal(edited.task("Task_DiagnoseProblem").getId(),
                "shownProblemInCustomersWords")).isEqualTo("Charged twice for November");
    }

    @Test
    void everyStepOfTheSolutionIsDueByTheResolutionTargetAndTheSpecialistByTheDateTheCustomerWasGiven() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of());
        Object resolutionDueAt = c.variable("resolutionDueAt");

        assertThat(c.task("Task_DiagnoseProblem").getDueDate()).isEqualTo(resolutionDueAt);
        assertThat(c.task("Task_DiagnoseProblem").getName()).isEqualTo("Diagnose: Invoice shows the wrong amount — " + c.reference);
        c.diagnose("specialistNeeded", "unknown");
        assertThat(c.task("Task_DiagnoseAsSpecialist").getDueDate()).isEqualTo(c.variable("specialistAdviceDueAt"));
        assertThat(c.task("Task_DiagnoseAsSpecialist").getName())
                .isEqualTo("Diagnose as a specialist: Invoice shows the wrong amount — " + c.reference);
        c.complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                "faultParty", "company", "diagnosisOutcome", "solved"));
        assertThat(c.task("Task_ResolveProblem").getDueDate()).as("the customer was told they hear from Anna by then")
                .isEqualTo(c.variable("specialistAdviceDueAt")).isBefore((Date) resolutionDueAt);
        assertThat(c.task("Task_ResolveProblem").getName()).isEqualTo("Resolve: Invoice shows the wrong amount — " + c.reference);
    }

    @Test
    void aBrokenPromiseIsDueForTheSupervisorAtOnceAndACallThatDidNotConnectIsTriedAgainAfterTheRetryWait() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));
        Date promisedFor = c.task("Task_CallCustomerBack").getDueDate();

        c.timePasses(Duration.ofHours(2)).timerFires("Event_CallbackDue");

        Task atRisk = c.task("Task_KeepPromiseAtRisk");
        assertThat(atRisk.getName()).isEqualTo("Keep the promise to Jane Doe — " + c.reference);
        assertThat(atRisk.getDueDate()).as("due as it appears, when the promised time has passed")
                .isEqualTo(Date.from(CaseDriver.now())).isAfterOrEqualTo(promisedFor);
        assertThat((String) engine.getTaskService().getVariableLocal(atRisk.getId(), "caseOpenPromises"))
                .startsWith("- **Broken:** callback was due Mon 23 Nov, 11:00 CET (promised by anna on Mon 23 Nov, 09:00 CET):"
                        + " Ask billing to reverse the second debit");

        c.callBack("Task_CallCustomerBack", "notReached").timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        Task again = c.task("Task_CallCustomerAgain");
        assertThat(again.getName()).isEqualTo("Call Jane Doe again — " + c.reference);
        assertThat(again.getDueDate()).isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
    }

    @Test
    void theFormOfACaseWithTwoMessagesAndAnOpenPromiseShowsBothWithReadableTimes() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company");
        c.timePasses(Duration.ofMinutes(30)).promiseCallbackIn(Duration.ofDays(1));
        c.timePasses(Duration.ofMinutes(15)).customerWrites("Thanks. Will the overdraft fee be refunded too?");

        Map<String, Object> callback = engine.getTaskService().getVariablesLocal(c.task("Task_CallCustomerBack").getId());
        assertThat((String) callback.get("caseOpenPromises")).isEqualTo("- **Callback by Tue 24 Nov, 09:30 CET** (promised"
                + " by anna on Mon 23 Nov, 09:30 CET): Ask billing to reverse the second debit");
        String messagesSoFar = (String) callback.get("caseMessagesSoFar");
        assertThat(messagesSoFar.lines().toList()).as("the acknowledgment, the promise in writing and, refreshed when it"
                + " arrived, the customer's message").hasSize(3);
        assertThat(messagesSoFar)
                .startsWith("- Mon 23 Nov, 09:00 CET · we sent (email): ")
                .contains("- **Mon 23 Nov, 09:45 CET · the customer wrote (email):** “Thanks\\. Will the overdraft fee be refunded too?”")
                .doesNotContain("2026-11-");
        assertThat((String) callback.get("caseDeadlines"))
                .contains("- **First response:** by Mon 23 Nov, ")
                .contains("- **Callback promised for:** by Tue 24 Nov, 09:30 CET")
                .contains("- **Resolution:** by ")
                .doesNotContain("2026-11-");

        Task answer = c.task("Task_AnswerCustomerMessage");
        assertThat(answer.getName()).isEqualTo("Answer Jane Doe — " + c.reference);
        assertThat((String) engine.getTaskService().getVariableLocal(answer.getId(), "caseMessagesSoFar"))
                .contains("Will the overdraft fee be refunded too?");
        assertThat((String) engine.getTaskService().getVariableLocal(answer.getId(), "caseDeadlines"))
                .contains("- **Answer the customer's message:** by Mon 23 Nov, ");
    }

    @Test
    void claimingATaskBringsItsCaseContextUpToDate() {
        CaseDriver c = open(Map.of());
        Task listen = c.task("Task_ListenToCustomer");
        assertThat((String) engine.getTaskService().getVariableLocal(listen.getId(), "caseMessagesSoFar")).hasLineCount(1);
        messages.record(c.reference, c.instance.getId(), CustomerMessage.Direction.OUTBOUND, MessageKind.PROGRESS_UPDATE,
                "email", "en", "jane@example.org", "Still on it", "We are still on it.", CaseDriver.now(),
                CustomerMessage.FAILED);

        engine.getTaskService().claim(listen.getId(), "anna");

        assertThat((String) engine.getTaskService().getVariableLocal(listen.getId(), "caseMessagesSoFar"))
                .hasLineCount(2)
                .endsWith("we sent (email): Still on it · **not delivered**: reach the customer another way");
        assertThat((String) engine.getTaskService().getVariableLocal(listen.getId(), "caseOpenPromises"))
                .isEqualTo("No promise is open.");
    }

    @Test
    void theListShowsAnAgentTheCaseOfEveryTaskOfferedToHerThoughSheMayNotReadTheCase() {
        CaseDriver c = open(Map.of());
        Task listen = c.task("Task_ListenToCustomer");
        Map<String, Object> columns = new HashMap<>();
        engine.getIdentityService().setAuthentication("anna", List.of("agents", "agents-en"));
        try {
            engine.getRuntimeService().createVariableInstanceQuery().taskIdIn(listen.getId()).list()
                    .forEach(variable -> columns.put(variable.getName(), variable.getValue()));
            assertThat(engine.getRuntimeService().createVariableInstanceQuery()
                    .processInstanceIdIn(c.instance.getId()).variableName("customerEmail").count())
                    .as("the case's own variables stay closed to her").isZero();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(columns).containsEntry("listCase", c.reference).containsEntry("listCustomer", "Jane Doe")
                .containsEntry("listPlan", "premium").containsEntry("listLanguage", "English");
    }

    @Test
    void theTasksCopiesOfItsCaseLeaveNoHistoryWhileTheCaseKeepsAll() {
        CaseDriver c = open(Map.of());
        Task listen = c.task("Task_ListenToCustomer");

        engine.getTaskService().claim(listen.getId(), "anna");

        List<String> shown = engine.getTaskService().getVariablesLocal(listen.getId()).keySet().stream()
                .filter(name -> name.startsWith("shown")).toList();
        assertThat(shown).as("what the customer told us so far, as the form shows it").containsExactlyInAnyOrder(
                "shownCustomerName", "shownCustomerPhone", "shownCallbackNumber", "shownSubject", "shownDescription");
        assertThat(engine.getTaskService().getVariablesLocal(listen.getId()))
                .containsKeys("caseDeadlines", "caseOpenPromises", "caseMessagesSoFar", "listCase");
        assertThat(engine.getHistoryService().createHistoricDetailQuery().taskId(listen.getId()).variableUpdates().count())
                .as("derived copies: their history was most of a case's history, and nobody read it").isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(listen.getId()).count())
                .isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(c.instance.getId()).variableName("description").count())
                .as("the case's own variables keep their history (history level full)").isOne();
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(c.instance.getId())
                .variableUpdates().count()).isPositive();
    }

    @Test
    void aLongHistoryKeepsTheNewestMessagesThatFitATaskVariable() {
        List<CaseFile.Message> many = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add(new CaseFile.Message("inbound", "customerMessage", "web", null, ("Message " + i + " ").repeat(40),
                    Instant.parse("2026-11-23T08:00:00Z").plus(Duration.ofMinutes(i)), CustomerMessage.RECEIVED));
        }

        String text = caseContext.messagesSoFar(many);

        assertThat(text.length()).isLessThanOrEqualTo(CaseContext.MAX_TEXT);
        assertThat(text).startsWith("_").contains(" earlier messages not shown._").contains("Message 40");
        assertThat(text).doesNotContain("“Message 1 ");
    }

    @Test
    void whatPeopleWroteStaysOnOneLineWithoutAccidentalMarkdown() {
        assertThat(CaseContext.inline("First line\n\n# not a heading *really* [link](x)", 200))
                .isEqualTo("First line \\# not a heading \\*really\\* \\[link\\]\\(x\\)");
        assertThat(CaseContext.inline("a".repeat(300), 10)).isEqualTo("aaaaaaaaa…");
    }

    private static String berlinTime(Date date) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(CaseDriver.BERLIN).format(date.toInstant());
    }
}
