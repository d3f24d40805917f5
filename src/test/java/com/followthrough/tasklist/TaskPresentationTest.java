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
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.casefile.CaseFile;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.intake.FollowUpCases;
import com.followthrough.organization.ListColumn;
import com.followthrough.process.CaseDriver;
import com.followthrough.process.ProcessTest;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * How tasks read in Tasklist: the name and description in the list, the due dates, and the case context their forms
 * show (deadlines, open promises, messages so far), with times as the support team reads them (Europe/Berlin).
 */
@ProcessTest
class TaskPresentationTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CaseContext caseContext;
    @Autowired FollowUpCases followUps;

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
                + berlinTime(listen.getDueDate()) + " CET. Follow up from Mon 23 Nov, " + berlinTime(listen.getFollowUpDate())
                + " CET.");
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
        assertThat(callback.getDescription()).isEqualTo("We promised to call Jane Doe back on +1 555 0100. Keep the"
                + " promise. Due Wed 25 Nov, 09:00 CET. Follow up from Wed 25 Nov, 08:45 CET.");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                .processDefinitionKey(Processes.KEEP_PROMISE).count()).as("the callback is a task of the called KeepPromise").isOne();
    }

    @Test
    void listenStartsFromTheProblemAsWrittenAtIntakeAndLaterFormsShowItAgainOnlyWhenPutDifferently() {
        CaseDriver c = open(Map.of());
        Object description = c.variable("description");

        assertThat(engine.getTaskService().getVariable(c.task("Task_ListenToCustomer").getId(), "problemInCustomersWords"))
                .as("Listen's field is pre-filled, not typed twice").isEqualTo(description);
        c.listen("anna", Map.of("problemInCustomersWords", description));
        assertThat((String) form(c.task("Task_DiagnoseProblem").getId()).get(CaseContext.HEADER))
                .as("the same words are not shown twice")
                .doesNotContain("#### The problem in the customer's words");

        CaseDriver edited = open(Map.of()).listen("anna", Map.of("problemInCustomersWords", "Charged twice for November"));
        assertThat(edited.variable("problemInCustomersWords")).isEqualTo("Charged twice for November");
        assertThat((String) form(edited.task("Task_DiagnoseProblem").getId()).get(CaseContext.HEADER))
                .contains("#### The problem in the customer's words\n> Charged twice for November");
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
        assertThat(section(form(atRisk.getId()), "Open promises"))
                .startsWith("- **Broken:** callback was due Mon 23 Nov, 11:00 CET (promised by Anna Clarke on Mon 23 Nov,"
                        + " 09:00 CET): Ask billing to reverse the second debit");

        c.callBack("Task_CallCustomerBack", "notReached").timePasses(Duration.ofHours(2)).timerFires("Event_RetryWaitOver");
        Task again = c.task("Task_CallCustomerAgain");
        assertThat(again.getName()).isEqualTo("Call Jane Doe again — " + c.reference);
        assertThat(again.getDueDate()).isEqualTo(Date.from(CaseDriver.now().plus(Duration.ofHours(2))));
    }

    @Test
    void aPromiseBrokenAndMadeLateStaysOnTheCaseHeaderForWhoeverResolvesIt() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));
        c.timePasses(Duration.ofHours(2)).timerFires("Event_CallbackDue");
        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Calling now"));
        c.timePasses(Duration.ofMinutes(20)).callBack("Task_CallCustomerBack", "reachedSolved");

        // Resolve asks for "the cost our delay or a broken promise caused": its header used to show no promise at all
        // once the late call was made ("No promise is open.", no callback among the deadlines).
        String header = (String) form(c.task("Task_ResolveProblem").getId()).get(CaseContext.HEADER);
        assertThat(section(form(c.task("Task_ResolveProblem").getId()), "Open promises")).isEqualTo("No promise is open.");
        assertThat(header).contains("- **Promise broken:** callback due Mon 23 Nov, 11:00 CET, made Mon 23 Nov,"
                + " 11:20 CET (promised by Anna Clarke)");
    }

    @Test
    void theFormOfACaseWithTwoMessagesAndAnOpenPromiseShowsBothWithReadableTimes() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company");
        c.timePasses(Duration.ofMinutes(30)).promiseCallbackIn(Duration.ofDays(1));
        c.timePasses(Duration.ofMinutes(15)).customerWrites("Thanks. Will the overdraft fee be refunded too?");

        Map<String, Object> callback = form(c.task("Task_CallCustomerBack").getId());
        assertThat(section(callback, "Open promises")).isEqualTo("- **Callback by Tue 24 Nov, 09:30 CET** (promised"
                + " by Anna Clarke on Mon 23 Nov, 09:30 CET): Ask billing to reverse the second debit");
        String messagesSoFar = section(callback, "Messages so far");
        assertThat(messagesSoFar.lines().toList()).as("the acknowledgment, the promise in writing, the customer's message"
                + " and its acknowledgment, as they are when the form is read").hasSize(4);
        assertThat(messagesSoFar)
                .startsWith("- Mon 23 Nov, 09:00 CET · we sent by email: ")
                .contains("- **Mon 23 Nov, 09:45 CET · the customer wrote by email:** “Thanks\\. Will the overdraft fee be refunded too?”")
                .endsWith("- Mon 23 Nov, 09:45 CET · we sent by email: We have your message\\: " + CaseContext.inline(c.reference, 40))
                .doesNotContain("2026-11-");
        assertThat(section(callback, "Deadlines"))
                .contains("- **First response:** by Mon 23 Nov, ")
                .contains("- **Callback promised for:** by Tue 24 Nov, 09:30 CET")
                .contains("- **Resolution:** by ")
                .doesNotContain("2026-11-");

        Task answer = c.task("Task_AnswerCustomerMessage");
        assertThat(answer.getName()).isEqualTo("Answer Jane Doe — " + c.reference);
        assertThat(section(form(answer.getId()), "Messages so far"))
                .contains("Will the overdraft fee be refunded too?");
        assertThat(section(form(answer.getId()), "Deadlines"))
                .contains("- **Answer the customer's message:** by Mon 23 Nov, ");
    }

    @Test
    void aFormShowsTheCaseAsItIsWhenItIsOpenedClaimedOrNot() {
        CaseDriver c = open(Map.of());
        Task listen = c.task("Task_ListenToCustomer");
        assertThat(section(form(listen.getId()), "Messages so far")).hasLineCount(1);
        messages.record(c.reference, c.instance.getId(), null, CustomerMessage.Direction.OUTBOUND,
                MessageKind.PROGRESS_UPDATE, "email", "en", "jane@example.org", "Still on it", "We are still on it.",
                CaseDriver.now(),
                CustomerMessage.FAILED);

        assertThat(section(form(listen.getId()), "Messages so far")).as("in the team queue").hasLineCount(2);
        engine.getTaskService().claim(listen.getId(), "anna");

        assertThat(section(form(listen.getId()), "Messages so far"))
                .hasLineCount(2)
                .endsWith("we sent by email: Still on it · **not delivered**: reach the customer another way");
        assertThat(section(form(listen.getId()), "Open promises"))
                .isEqualTo("No promise is open.");
    }

    @Test
    void listensFormShowsTheCaseAsItsOpeningWroteIt() {
        CaseDriver c = open(Map.of());
        Task listen = c.task("Task_ListenToCustomer");
        Map<String, Object> shown = form(listen.getId());

        assertThat(section(shown, "Messages so far")).hasLineCount(1)
                .contains("we sent by email: " + CaseContext.inline(c.messages().get(0).subject(), 280));
        assertThat(section(shown, "Open promises")).isEqualTo("No promise is open.");
        assertThat(shown.get(CaseContext.HEADER)).as("the case's messages and promises as read from the database")
                .isEqualTo(caseContext.headerOf(engine.getTaskService().getVariables(listen.getId())));
        assertThat(engine.getRuntimeService().getVariables(c.instance.getId()).values())
                .as("the opening keeps its acknowledgment in no variable").noneMatch(CustomerMessage.class::isInstance);
    }

    @Test
    void aStartThatReturnsTheCasesVariablesReturnsNoneOfTheOpeningsOwn() {
        Map<String, Object> returned = engine.getRuntimeService().createProcessInstanceByKey(Processes.SUPPORT_CASE)
                .setVariables(CaseDriver.caseFromJane()).executeWithVariablesInReturn().getVariables();

        assertThat(returned).containsKey("caseReference");
        assertThat(returned.values()).noneMatch(CustomerMessage.class::isInstance);
    }

    @Test
    void aFollowUpsListenShowsItsOwnAcknowledgmentNotTheClosedCasesMessages() {
        CaseDriver closed = open(Map.of()).listen("anna", Map.of()).diagnose("solved", "company")
                .resolve("company", 0).customerConfirmsTheSolution();
        assertThat(closed.messages()).as("the closed case's messages").hasSizeGreaterThan(1);
        Instant closedAt = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(closed.instance.getId()).singleResult().getEndTime().toInstant();

        String followUp = followUps.open(closed.reference, closedAt, "It is charged twice again", "email");

        Task listen = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(followUp)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult();
        Map<String, Object> shown = form(listen.getId());
        assertThat(section(shown, "Messages so far")).hasLineCount(1).contains("we sent by email: ");
        assertThat(shown.get(CaseContext.HEADER)).asString().contains("**Follow-up of:** " + CaseContext.inline(closed.reference, 40));
        assertThat(shown.get(CaseContext.HEADER)).as("the case's messages and promises as read from the database")
                .isEqualTo(caseContext.headerOf(engine.getTaskService().getVariables(listen.getId())));
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
        assertThat(columns).containsEntry("listCustomer", "Jane Doe").containsEntry("listPlan", "Premium · English")
                .as("the reference is in the task's name").doesNotContainKeys(ListColumn.RETIRED.toArray(String[]::new));
    }

    @Test
    void theHeaderEveryFormShowsSaysTheCaseInWordsAndPeopleByName() {
        CaseDriver c = open(Map.of("language", "de", "channel", "phone", "priority", "high"))
                .listen("jonas", Map.of("preferredContactChannel", "email")).diagnose("answerKnown", "company");
        Map<String, Object> task = form(c.task("Task_PromiseCallback").getId());
        String header = (String) task.get(CaseContext.HEADER);

        assertThat(header).startsWith("### Case " + c.reference + ": Invoice shows the wrong amount\n"
                        + "- **Customer:** Jane Doe · Premium plan · writes in German · came to us by phone · high priority\n")
                .contains("- **Owner:** Jonas Becker\n")
                .contains("- **At fault (internal only):** our company\n")
                .contains("- **The customer prefers to hear from us** by email\n")
                .contains("#### Facts gathered\nTwo debits of 49 EUR on 2 Nov; bank charged a 15 EUR overdraft fee\n")
                .contains("#### Diagnosis\nBilling run charged twice\n");
        assertThat(header).as("no code where a person reads").doesNotContain("premium", "**Plan:**", "**Channel:**",
                "jonas", "(email)", ":** company", "Deutsch", "writes in de");
        assertThat(task).containsEntry("listPlan", "Premium · German");
    }

    @Test
    void aLongCaseFitsItsHeaderInOneTaskVariableKeepingTheNewestMessages() {
        String long1 = "The invoice is wrong again. ".repeat(140);
        CaseDriver c = open(Map.of("description", long1)).listen("anna", Map.of("factsGathered", long1,
                "questionsAsked", long1, "problemInCustomersWords", long1)).diagnose("answerKnown", "company");
        for (int i = 1; i <= 12; i++) {
            c.timePasses(Duration.ofMinutes(5)).customerWrites("Message " + i + ": " + "still waiting, ".repeat(20));
        }
        c.claim("Task_PromiseCallback", "anna");

        String header = (String) form(c.task("Task_PromiseCallback").getId()).get(CaseContext.HEADER);
        assertThat(header.length()).isLessThanOrEqualTo(CaseContext.MAX_TEXT);
        assertThat(header).contains("#### What the customer reported\n> The invoice is wrong again", "…",
                "#### Messages so far\n", "Message 12\\: still waiting", " earlier messages not shown._");
    }

    @Test
    void aTaskCreatedByAnEarlierVersionIsDoneWithoutHistoryForTheCopiesNoLongerWritten() {
        CaseDriver c = open(Map.of());
        Task listen = c.task("Task_ListenToCustomer");
        Map<String, Object> former = new HashMap<>();
        ListColumn.RETIRED.forEach(column -> former.put(column, "as an earlier version wrote it"));
        CaseContext.READ_WITH_THE_FORM.forEach(context -> former.put(context, "as an earlier version stored it"));
        engine.getTaskService().setVariablesLocal(listen.getId(), former);

        c.listen("anna", Map.of());

        assertThat(c.task("Task_DiagnoseProblem")).as("the case went on").isNotNull();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(c.instance.getId())
                .variableNameIn(former.keySet().toArray(String[]::new)).count())
                .as("neither written nor deleted with a record of it").isZero();
    }

    @Test
    void theTasksCopiesOfItsCaseLeaveNoHistoryWhileTheCaseKeepsAll() {
        CaseDriver c = open(Map.of()).listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofDays(2));
        Task callback = c.task("Task_CallCustomerBack");

        List<String> shown = engine.getTaskService().getVariablesLocal(callback.getId()).keySet().stream()
                .filter(name -> name.startsWith("shown")).toList();
        assertThat(shown).as("whom to call on which number, as call-customer-back.form shows it")
                .containsExactlyInAnyOrder("shownCustomerName", "shownCallbackNumber");
        assertThat(engine.getTaskService().getVariablesLocal(callback.getId())).containsKey("listCustomer")
                .as("the header is read with the form, not stored").doesNotContainKey(CaseContext.HEADER);
        assertThat(form(callback.getId())).containsKey(CaseContext.HEADER);
        assertThat(engine.getHistoryService().createHistoricDetailQuery().taskId(callback.getId()).variableUpdates().count())
                .as("derived copies: their history was most of a case's history, and nobody read it").isZero();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(callback.getId()).count())
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

    /** The task's variables as its form reads them (Tasklist: {@code GET /task/{id}/form-variables}). */
    private Map<String, Object> form(String taskId) {
        return engine.getFormService().getTaskFormVariables(taskId);
    }

    /** The lines under a heading of the task's case header, up to the next heading. */
    static String section(Map<String, Object> taskVariables, String heading) {
        String header = (String) taskVariables.get(CaseContext.HEADER);
        assertThat(header).as("the case header").contains("#### " + heading + "\n");
        String after = header.substring(header.indexOf("#### " + heading + "\n") + heading.length() + 6);
        int next = after.indexOf("\n\n");
        return (next < 0 ? after : after.substring(0, next)).strip();
    }

    private static String berlinTime(Date date) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(CaseDriver.BERLIN).format(date.toInstant());
    }
}
