package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * "The specialist can say 'I don't know' too" (issue 12, item 5; W4 "if you don't know the answer, tell me, then find
 * someone who does"). The owner stays the customer's contact and the specialist advises the owner; the customer is
 * told so and by when they hear from the owner, and that date has a timer. A specialist who doesn't know either brings
 * in a supervisor, who finds someone who knows or decides what the customer is told. A supervisors' task left undone
 * for one update interval of the plan's working time brings in the administrators, and stays open with the
 * supervisors: no timer decides in their place.
 */
@ProcessTest
class SpecialistEscalationProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired CustomerTimes times;
    @Autowired JdbcClient jdbc;
    @Autowired CaseDeadlines deadlines;

    private CaseDriver withSpecialist() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("specialistNeeded", "unknown");
    }

    private CaseDriver specialistDoesNotKnow() {
        return withSpecialist().complete("Task_DiagnoseAsSpecialist", "sam", Map.of(
                "specialistDiagnosis", "Not a billing run I know; the payment provider may have retried",
                "faultParty", "unknown", "diagnosisOutcome", "specialistDoesNotKnow"));
    }

    @Test
    void customerIsToldTheOwnerStaysTheirContactAndByWhenTheyHearFromThem() {
        CaseDriver c = withSpecialist();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");

        CustomerMessage told = c.messages().stream().filter(m -> m.kind() == SPECIALIST_JOINING).findFirst()
                .orElseThrow();
        assertThat(told.body()).contains("Anna stays your contact", "you will hear from Anna by "
                + times.format(adviceDue, "premium", Locale.ENGLISH)).doesNotContain("will contact you");
        assertThat(c.task("Task_DiagnoseAsSpecialist")).hasCandidateGroup("specialists").hasDueDate(adviceDue);
        assertThat(c.timerDueDate("Event_SpecialistAdviceOverdue")).isEqualTo(adviceDue);
    }

    /**
     * The owner's choice "a specialist" tells them what the customer reads: a specialist is helping and by when they
     * hear from the owner, who stays their contact. Its help said "the customer is told who is working on it now", a
     * name the message never gives.
     */
    @Test
    void theOwnersChoiceOfASpecialistSaysWhatTheCustomerIsTold() throws IOException {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of());
        String help = fieldHelp(c.task("Task_DiagnoseProblem"), "diagnosisOutcome");

        c.diagnose("specialistNeeded", "unknown");
        String told = c.messages().stream().filter(m -> m.kind() == SPECIALIST_JOINING).findFirst().orElseThrow()
                .body();
        assertThat(told).contains("we have asked a specialist", "Anna stays your contact",
                "you will hear from Anna by");
        assertThat(help).contains("a specialist is helping", "by when they hear from you",
                "you stay the customer's contact").doesNotContain("who is working on it");
    }

    /** The help text of one field of the task's deployed form. */
    private String fieldHelp(Task task, String key) throws IOException {
        try (var deployed = engine.getFormService().getDeployedTaskForm(task.getId())) {
            for (JsonNode field : new ObjectMapper().readTree(deployed).findParents("key")) {
                if (key.equals(field.path("key").asText())) {
                    return field.path("description").asText();
                }
            }
        }
        throw new AssertionError("no field " + key + " on the form of " + task.getTaskDefinitionKey());
    }

    @Test
    void specialistWhoAnswersJustBeforeTheDateTheCustomerWasToldLeavesTheOwnerDueByThatDate() {
        CaseDriver c = withSpecialist();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");

        c.timeIs(Date.from(adviceDue.toInstant().minus(Duration.ofMinutes(10))))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                        "faultParty", "company", "diagnosisOutcome", "answerKnown"));

        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna").hasDueDate(adviceDue);
    }

    @Test
    void ownerToldToResolveJustBeforeTheDateTheCustomerWasToldIsDueByThatDate() {
        CaseDriver c = specialistDoesNotKnow();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");

        c.timeIs(Date.from(adviceDue.toInstant().minus(Duration.ofMinutes(10))))
                .complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                        "specialistDiagnosis", "Payments refunded the retried debit", "diagnosisOutcome", "solved"));

        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna").hasDueDate(adviceDue);
    }

    @Test
    void specialistWithoutAnAnswerInTimeBringsInASupervisorWhileTheyKeepWorking() {
        CaseDriver c = withSpecialist();

        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");

        assertThat(c.task("Task_ChaseSpecialistAdvice")).hasCandidateGroup("supervisors");
        assertThat(c.task("Task_DiagnoseAsSpecialist")).isNotNull();
        c.complete("Task_ChaseSpecialistAdvice", "maria", Map.of("chaseNote", "Sam answers Anna within the hour"));
        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdviceChased");

        c.complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    @Test
    void specialistWhoDoesNotKnowEitherBringsInASupervisorToFindSomeoneWhoDoes() {
        CaseDriver c = specialistDoesNotKnow();

        assertThat(c.instance).hasPassed("Gateway_SpecialistKnows").hasNotPassed("Gateway_DiagnosisDone");
        assertThat(c.task("Task_FindSomeoneWhoKnows")).hasCandidateGroup("supervisors");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisor brought in")
                .isEqualTo(1);
        assertThat(c.task("Task_FindSomeoneWhoKnows").getDueDate()).isAfter(Date.from(CaseDriver.now()));
        assertThat(c.timerDueDate("Event_ExpertSearchOverdue"))
                .isEqualTo(c.task("Task_FindSomeoneWhoKnows").getDueDate());
    }

    /**
     * The customer was told they hear from the owner by the advice's date, and the specialist's "I don't know either"
     * came before it: the supervisors' search is due by that date, and the administrators are brought in at it. It
     * was due one update interval after the specialist's answer, past the date the customer was told, and the case
     * header above it showed that date overdue while the task did not.
     */
    @Test
    void aSearchForSomeoneWhoKnowsIsDueByTheDateTheCustomerWasTold() {
        CaseDriver c = withSpecialist();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");
        c.timeIs(Date.from(adviceDue.toInstant().minus(Duration.ofMinutes(30))))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Not one I know",
                        "faultParty", "unknown", "diagnosisOutcome", "specialistDoesNotKnow"));

        assertThat(c.task("Task_FindSomeoneWhoKnows")).as("the customer hears from the owner by then")
                .hasDueDate(adviceDue);
        assertThat(c.timerDueDate("Event_ExpertSearchOverdue")).isEqualTo(adviceDue);
    }

    /** A specialist who says "I don't know either" after the date the customer was told leaves the search a window. */
    @Test
    void aSearchAfterTheDateTheCustomerWasToldIsDueOneUpdateIntervalLater() {
        CaseDriver c = withSpecialist();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");
        c.timeIs(adviceDue).timerFires("Event_SpecialistAdviceOverdue");
        c.timeIs(Date.from(adviceDue.toInstant().plus(Duration.ofMinutes(5))))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Not one I know",
                        "faultParty", "unknown", "diagnosisOutcome", "specialistDoesNotKnow"));

        assertThat(c.task("Task_FindSomeoneWhoKnows").getDueDate()).isAfter(Date.from(CaseDriver.now()))
                .isEqualTo(c.timerDueDate("Event_ExpertSearchOverdue"));
    }

    @Test
    void supervisorWhoFindsTheAnswerHandsItToTheOwnerWhoTellsTheCustomer() {
        CaseDriver c = specialistDoesNotKnow().complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                "specialistDiagnosis", "The payment provider retried the debit; they refund it",
                "expertName", "Payments team, Lea", "diagnosisOutcome", "answerKnown"));

        assertThat(c.instance).hasPassed("Gateway_AnswerFound", "Gateway_DiagnosisDone");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(engine.getFormService().getTaskFormVariables(c.task("Task_PromiseCallback").getId())
                .getValue("caseHeader", String.class))
                .as("'Who knows' is asked so that the owner can ask them again: the owner's form shows it")
                .contains("Who knows", "Payments team, Lea");
    }

    @Test
    void supervisorWhoFindsItSolvedLetsTheOwnerResolve() {
        CaseDriver c = specialistDoesNotKnow().complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                "specialistDiagnosis", "Payments refunded the retried debit", "diagnosisOutcome", "solved"));

        assertThat(c.task("Task_ResolveProblem")).isAssignedTo("anna");
    }

    @Test
    void supervisorWhoFindsNobodyInTimeIsChasedByTheAdministrators() {
        CaseDriver c = specialistDoesNotKnow();

        c.timeIs(c.task("Task_FindSomeoneWhoKnows").getDueDate()).timerFires("Event_ExpertSearchOverdue");

        assertThat(c.task("Task_ChaseExpertSearch")).hasCandidateGroup("camunda-admin");
        assertThat(c.task("Task_FindSomeoneWhoKnows")).isNotNull();
        c.complete("Task_ChaseExpertSearch", "admin", Map.of("chaseNote", "Asked the payments lead to call Maria"));
        assertThat(c.instance).hasPassed("EndEvent_ExpertSearchChased");
    }

    @Test
    void supervisorWhoFindsSomeoneAfterTheAdministratorsCameInEndsTheAdministratorsTask() {
        CaseDriver c = specialistDoesNotKnow();
        c.timeIs(c.task("Task_FindSomeoneWhoKnows").getDueDate()).timerFires("Event_ExpertSearchOverdue");
        assertThat(c.task("Task_ChaseExpertSearch")).hasCandidateGroup("camunda-admin");

        c.complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                "specialistDiagnosis", "The payment provider retried the debit; they refund it",
                "expertName", "Payments team, Lea", "diagnosisOutcome", "answerKnown"));

        assertThat(c.instance).hasNotPassed("EndEvent_ExpertSearchChased");
        assertThat(openSteps(c)).as("nothing left for the administrators").doesNotContain("Task_ChaseExpertSearch");
    }

    /** The specialist answers ten minutes before the date the customer was told; the owner has the next step. */
    private CaseDriver adviceJustBeforeTheDate() {
        CaseDriver c = withSpecialist();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");
        return c.timeIs(Date.from(adviceDue.toInstant().minus(Duration.ofMinutes(10))))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                        "faultParty", "company", "diagnosisOutcome", "answerKnown"));
    }

    private static CaseDriver datePasses(CaseDriver c, Date moment) {
        return c.timeIs(moment).dueTimersFire();
    }

    private static List<String> openSteps(CaseDriver c) {
        return c.openTasks().stream().map(Task::getTaskDefinitionKey).toList();
    }

    @Test
    void ownerWhoLetsTheDateTheCustomerWasToldPassAfterTheAdviceBringsInASupervisor() {
        CaseDriver c = adviceJustBeforeTheDate();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");

        datePasses(c, adviceDue);

        assertThat(c.task("Task_MakeSureCustomerHearsFromOwner")).hasCandidateGroup("supervisors")
                .hasDueDate(adviceDue);
        assertThat(adviceDue).as("the date told is in the plan's hours: the supervisor comes at it")
                .isEqualTo(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        assertThat(openSteps(c)).doesNotContain("Task_ChaseSpecialistAdvice");
        assertThat(c.caseFact(jdbc, "supervisor_escalations")).as("insights count the supervisor brought in")
                .isEqualTo(1);

        c.complete("Task_MakeSureCustomerHearsFromOwner", "maria",
                Map.of("supervisorAction", "Called Jane myself: Anna promises the callback within the hour"));
        assertThat(c.instance).hasPassed("EndEvent_SupervisorMadeSure");
    }

    /**
     * The supervisors' step asks what they did afresh: the case's supervisorAction holds the note of an earlier
     * supervisors' step (here as a takeover of a late callback writes it, PromiseTakeover), which Tasklist filled in,
     * ready to be submitted as this step's and recorded again as what it did.
     */
    @Test
    void makingSureTheCustomerHearsFromTheOwnerOpensWithAnEmptyNoteNotAnEarlierStepsNote() {
        CaseDriver c = adviceJustBeforeTheDate();
        engine.getRuntimeService().setVariable(c.instance.getId(), "supervisorAction", "Calling Jane at 17:00 myself");
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));

        Task makeSure = c.task("Task_MakeSureCustomerHearsFromOwner");
        assertThat(engine.getFormService().getTaskFormVariables(makeSure.getId())
                .getValue("supervisorAction", String.class)).as("the note starts empty").isNullOrEmpty();

        engine.getFormService().submitTaskForm(makeSure.getId(),
                Map.of("supervisorAction", "Anna calls Jane within the hour"));
        c.runAsyncSteps();
        assertThat(c.instance).hasPassed("EndEvent_SupervisorMadeSure");
        assertThat(c.variable("supervisorAction")).isEqualTo("Anna calls Jane within the hour");
        assertThat((String) c.variable("supervisorActions")).contains("Anna calls Jane within the hour");
    }

    /**
     * A case from an earlier version kept a supervisors' note ({@code supervisorAction}) and no log of them: the log
     * keeps that note first, then this step's. It was left out: the submitted note had become the case's
     * {@code supervisorAction} (FreshFields) before the earlier one was read from there.
     */
    @Test
    void aSupervisorsNoteFromBeforeTheLogIsKeptFirstInIt() {
        CaseDriver c = adviceJustBeforeTheDate();
        engine.getRuntimeService().setVariable(c.instance.getId(), "supervisorAction", "Calling Jane at 17:00 myself");
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));

        engine.getFormService().submitTaskForm(c.task("Task_MakeSureCustomerHearsFromOwner").getId(),
                Map.of("supervisorAction", "Anna calls Jane within the hour"));

        String log = (String) c.variable("supervisorActions");
        assertThat(log).contains("Calling Jane at 17:00 myself", "Anna calls Jane within the hour");
        assertThat(log.indexOf("Calling Jane at 17:00 myself")).as("the earlier note first")
                .isLessThan(log.indexOf("Anna calls Jane within the hour"));
    }

    /**
     * A supervisor made sure Jane heard from Anna, and later took over Anna's late callback: the owner reads what each
     * step did, named and in order. The takeover's note used to replace the first in the case header.
     */
    @Test
    void theOwnerReadsWhatEachSupervisorsStepDidNamedAndInOrder() {
        CaseDriver c = adviceJustBeforeTheDate();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        c.complete("Task_MakeSureCustomerHearsFromOwner", "maria",
                Map.of("supervisorAction", "Called Jane myself: she is home after 17:00 only"));
        c.promiseCallbackIn(Duration.ofHours(1)).timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself",
                        "supervisorAction", "Calling Jane at 17:00 myself"))
                .callBack("Task_CallCustomerBack", "reachedSolved");

        String header = engine.getFormService().getTaskFormVariables(c.task("Task_ResolveProblem").getId())
                .getValue("caseHeader", String.class);
        assertThat(header).containsSubsequence("#### Who stepped in",
                "Make sure the customer hears from the owner · Maria", "home after 17",
                "Keep the promise at risk · Maria", "Calling Jane at 17", "####");
    }

    @Test
    void ownerWhoPromisesACallbackByTheDateBringsInNoSupervisor() {
        CaseDriver c = adviceJustBeforeTheDate().promiseCallbackIn(Duration.ofHours(3));

        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));

        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner");
        assertThat(c.instance).hasPassed("EndEvent_CustomerHeardFromOwner");
    }

    /** The specialist's advice is in, the owner's callback on it reaches the customer without solving it. */
    private static CaseDriver callbackAfterTheAdviceDidNotSolveIt(CaseDriver c) {
        return c.timePasses(Duration.ofMinutes(20)).complete("Task_DiagnoseAsSpecialist", "sam", Map.of(
                        "specialistDiagnosis", "Duplicate billing run", "faultParty", "company",
                        "diagnosisOutcome", "answerKnown"))
                .promiseCallbackIn(Duration.ofMinutes(40)).timePasses(Duration.ofMinutes(30))
                .callBack("Task_CallCustomerBack", "reachedNotSolved");
    }

    /**
     * A callback after the advice that does not solve it brings the owner back to the diagnosis (W4), and a specialist
     * in again: the customer is told a new date. The first advice's date brings in no supervisor to make sure the
     * customer hears from the owner, while the second specialist still works towards the new one; the new specialist's
     * date keeps its own chase.
     */
    @Test
    void aSpecialistBroughtInAgainAfterACallbackLeavesTheFirstAdvicesDateToTheNewOne() {
        CaseDriver c = withSpecialist();
        Date firstDate = (Date) c.variable("specialistAdviceDueAt");
        callbackAfterTheAdviceDidNotSolveIt(c).diagnose("specialistNeeded", "unknown");
        Date secondDate = (Date) c.variable("specialistAdviceDueAt");
        assertThat(secondDate).isAfter(firstDate);

        datePasses(c, firstDate);

        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner", "Task_ChaseSpecialistAdvice")
                .contains("Task_DiagnoseAsSpecialist");
        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdvisingAgain");

        datePasses(c, secondDate);
        assertThat(c.task("Task_ChaseSpecialistAdvice")).hasCandidateGroup("supervisors");
    }

    /**
     * The advice's date is the owner's word the customer waits for; once the customer heard from the owner (the promise
     * confirmed in writing) and a callback then did not solve it, a diagnosis the owner now knows the answer to is a
     * fresh one: the next promise is due one update interval from now, not by the advice's date still ahead.
     */
    @Test
    void aPromiseAfterTheCustomerHeardFromTheOwnerIsNoLongerDueByTheAdvicesDate() {
        CaseDriver c = withSpecialist();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");
        callbackAfterTheAdviceDidNotSolveIt(c).diagnose("answerKnown", "company");
        Date freshDue = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(freshDue).as("the advice's date is still ahead").isAfter(adviceDue);

        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna").hasDueDate(freshDue);
    }

    /** Likewise the resolution after such a callback: due at the resolution target, the advice's date told for. */
    @Test
    void aResolutionAfterTheCustomerHeardFromTheOwnerIsNoLongerDueByTheAdvicesDate() {
        CaseDriver c = withSpecialist();
        callbackAfterTheAdviceDidNotSolveIt(c).diagnose("solved", "company");

        assertThat(c.task("Task_ResolveProblem")).hasDueDate((Date) c.variable("resolutionDueAt"));
    }

    /**
     * A specialist brought in again on one case writes their own diagnosis and decides where the case stands: Tasklist
     * filled the second "Diagnose as a specialist" with the first specialist's diagnosis, ready to be submitted as
     * theirs. Who is at fault opens with the owner's assessment, as the form says, and the header quotes the owner's
     * diagnosis and the first advice for the specialist to read.
     */
    @Test
    void aSpecialistBroughtInAgainDiagnosesOnAnEmptyFormWithTheFirstAdviceOnlyInTheHeader() {
        CaseDriver c = callbackAfterTheAdviceDidNotSolveIt(withSpecialist()).diagnose("specialistNeeded", "thirdParty");

        Task second = c.task("Task_DiagnoseAsSpecialist");
        VariableMap form = engine.getFormService().getTaskFormVariables(second.getId());
        assertThat(form.getValue("specialistDiagnosis", String.class)).as("the second specialist's diagnosis")
                .isNullOrEmpty();
        assertThat(form.getValue("diagnosisOutcome", String.class)).as("where the case stands").isNullOrEmpty();
        assertThat(form.getValue("faultParty", String.class)).as("the owner's assessment").isEqualTo("thirdParty");
        assertThat(form.getValue("caseHeader", String.class)).contains("Billing run charged twice",
                "Duplicate billing run");

        engine.getFormService().submitTaskForm(second.getId(), Map.of(
                "specialistDiagnosis", "The bank retried the debit",
                "faultParty", "thirdParty", "diagnosisOutcome", "answerKnown"));
        assertThat(c.variable("specialistDiagnosis")).isEqualTo("The bank retried the debit");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    /**
     * The supervisors find someone who knows, the owner's callback on that answer does not solve it, and a specialist
     * brought in again does not know either: the second "Find someone who knows" opened with the first supervisor's
     * "Who knows", ready to be submitted as the second one's. Who knows and where the case stands are the supervisor's
     * own answer; the answer field opens with what the second specialist found, as its help says.
     */
    @Test
    void aSecondSearchForSomeoneWhoKnowsOpensWithoutTheFirstSearchsExpert() {
        CaseDriver c = specialistDoesNotKnow().complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                        "specialistDiagnosis", "The payment provider retried the debit; they refund it",
                        "expertName", "Payments team, Lea", "diagnosisOutcome", "answerKnown"))
                .promiseCallbackIn(Duration.ofMinutes(40)).timePasses(Duration.ofMinutes(30))
                .callBack("Task_CallCustomerBack", "reachedNotSolved").diagnose("specialistNeeded", "unknown")
                .complete("Task_DiagnoseAsSpecialist", "dana", Map.of(
                        "specialistDiagnosis", "Not the provider this time", "faultParty", "unknown",
                        "diagnosisOutcome", "specialistDoesNotKnow"));

        Task second = c.task("Task_FindSomeoneWhoKnows");
        VariableMap form = engine.getFormService().getTaskFormVariables(second.getId());
        assertThat(form.getValue("expertName", String.class)).as("who knows, the second supervisor's answer")
                .isNullOrEmpty();
        assertThat(form.getValue("diagnosisOutcome", String.class)).as("where the case stands").isNullOrEmpty();
        assertThat(form.getValue("specialistDiagnosis", String.class)).as("what the second specialist found")
                .isEqualTo("Not the provider this time");

        engine.getFormService().submitTaskForm(second.getId(), Map.of("specialistDiagnosis",
                "Billing reverses it by hand", "expertName", "Billing, Tom", "diagnosisOutcome", "answerKnown"));
        assertThat(c.variable("expertName")).isEqualTo("Billing, Tom");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    /**
     * Brought in at 21:00, a specialist's advice is due at the next opening plus one interval; the owner promises a
     * callback on it, the call does not solve the problem, and she brings a specialist in again that night.
     */
    private SecondSpecialist secondSpecialistAtNight() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin("2026-11-23T21:00")));
        CaseDriver c = withSpecialist();
        Date firstDate = (Date) c.variable("specialistAdviceDueAt");
        c.timePasses(Duration.ofMinutes(10)).complete("Task_DiagnoseAsSpecialist", "sam", Map.of(
                        "specialistDiagnosis", "Duplicate billing run", "faultParty", "company",
                        "diagnosisOutcome", "answerKnown"))
                .complete("Task_PromiseCallback", null, Map.of("nextActions", "Ask billing to reverse it",
                        "callbackAt", "2026-11-24T08:30+01:00", "callbackNumber", "+1 555 0100"))
                .timePasses(Duration.ofMinutes(20)).callBack("Task_CallCustomerBack", "reachedNotSolved")
                .diagnose("specialistNeeded", "unknown");
        return new SecondSpecialist(c, firstDate);
    }

    /** The case with a specialist brought in again, and the date the first one's advice was due. */
    private record SecondSpecialist(CaseDriver c, Date firstDate) {
    }

    /**
     * A specialist brought in again outside the team's hours is given the same date as the first one was (the next
     * opening plus one update interval): the first advice's timer, at that date, is not the second's. It brings in no
     * supervisor to make sure the customer hears from the owner; the second specialist's own timer brings the
     * supervisors in for the advice that is late.
     */
    @Test
    void aSecondSpecialistBroughtInAtNightOnTheFirstOnesDateLeavesThatDateToTheSecond() {
        SecondSpecialist second = secondSpecialistAtNight();
        CaseDriver c = second.c();
        Date firstDate = second.firstDate();
        Date secondDate = (Date) c.variable("specialistAdviceDueAt");
        assertThat(secondDate).as("the same next opening plus one interval").isEqualTo(firstDate);

        datePasses(c, firstDate);

        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner")
                .contains("Task_DiagnoseAsSpecialist", "Task_ChaseSpecialistAdvice");
        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdvisingAgain");
    }

    /** As above, with the second specialist's advice in before the date: one supervisor's step, the second's. */
    @Test
    void twoSpecialistsAdviceOnOneDateAtNightBringsInOneSupervisorForTheSecond() {
        SecondSpecialist second = secondSpecialistAtNight();
        CaseDriver c = second.c();
        Date firstDate = second.firstDate();
        c.timePasses(Duration.ofMinutes(10)).complete("Task_DiagnoseAsSpecialist", "sam", Map.of(
                        "specialistDiagnosis", "The bank retried the debit", "faultParty", "thirdParty",
                        "diagnosisOutcome", "answerKnown"));
        assertThat(c.variable("specialistAdviceDueAt")).isEqualTo(firstDate);

        datePasses(c, firstDate);

        assertThat(openSteps(c)).containsOnlyOnce("Task_MakeSureCustomerHearsFromOwner");
        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdvisingAgain");
    }

    @Test
    void ownerWhoAnswersTheCustomersMessageByTheDateBringsInNoSupervisor() {
        CaseDriver c = adviceJustBeforeTheDate().customerWrites("Any news?")
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Sam found it: a duplicate run."));

        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));

        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    @Test
    void ownerWhoResolvesByTheDateBringsInNoSupervisor() {
        CaseDriver c = specialistDoesNotKnow();
        Date adviceDue = (Date) c.variable("specialistAdviceDueAt");
        c.timeIs(Date.from(adviceDue.toInstant().minus(Duration.ofMinutes(10))))
                .complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                        "specialistDiagnosis", "Payments refunded the retried debit", "diagnosisOutcome", "solved"))
                .resolve("unknown", 0);

        datePasses(c, adviceDue);

        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner");
    }

    @Test
    void adviceAfterTheDateGivesTheOwnerOneUpdateIntervalBeforeASupervisorIsBroughtInAgain() {
        CaseDriver c = withSpecialist();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        c.complete("Task_ChaseSpecialistAdvice", "maria", Map.of("chaseNote", "Sam answers Anna within the hour"));

        c.timePasses(Duration.ofMinutes(30)).complete("Task_DiagnoseAsSpecialist", "sam", Map.of(
                "specialistDiagnosis", "Duplicate billing run", "faultParty", "company",
                "diagnosisOutcome", "answerKnown"));
        Date ownerDue = c.task("Task_PromiseCallback").getDueDate();
        datePasses(c, Date.from(CaseDriver.now()));
        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner");

        datePasses(c, ownerDue);
        assertThat(c.task("Task_MakeSureCustomerHearsFromOwner")).hasCandidateGroup("supervisors");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
    }

    @Test
    void supervisorWhoDoesNotGetTheAdviceToTheOwnerInTimeIsChasedByTheAdministrators() {
        CaseDriver c = withSpecialist();
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        Date window = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_AdviceChaseOverdue")).isEqualTo(window);

        c.timeIs(window).timerFires("Event_AdviceChaseOverdue");

        assertThat(c.task("Task_ChaseSpecialistAdviceNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_ChaseSpecialistAdvice")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        assertThat(c.task("Task_DiagnoseAsSpecialist")).hasCandidateGroup("specialists");
        c.complete("Task_ChaseSpecialistAdviceNow", "admin", Map.of("chaseNote", "Asked Sam's lead to call Anna now"));
        assertThat(c.instance).hasPassed("EndEvent_AdviceChasedByAdministrators")
                .hasNotPassed("EndEvent_SpecialistAdviceChased");
        assertThat(openSteps(c)).as("nothing decided for the supervisors or the specialist")
                .contains("Task_ChaseSpecialistAdvice", "Task_DiagnoseAsSpecialist")
                .doesNotContain("Task_PromiseCallback");

        c.complete("Task_ChaseSpecialistAdvice", "maria", Map.of("chaseNote", "Sam answers Anna within the hour"));
        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdviceChased");
    }

    /**
     * The administrators chased: the supervisors let the specialist's advice go unchased for one update interval, and
     * an administrator submitted "Get the specialist's advice to the owner now" in Tasklist with what they did.
     */
    private CaseDriver administratorsChased() {
        CaseDriver c = withSpecialist();
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_AdviceChaseOverdue");
        String administrators = c.claim("Task_ChaseSpecialistAdviceNow", "admin");
        engine.getFormService().submitTaskForm(administrators,
                Map.of("chaseNote", "Asked Sam's lead to call Anna now"));
        c.runAsyncSteps();
        return c;
    }

    /**
     * A chase step asks what its chaser did afresh: Tasklist filled the supervisors' chase, still open, with the note
     * the administrators' chase had just written to the case (chaseNote), ready to be submitted as the supervisor's.
     * Each note is recorded on the case, in the order they were submitted.
     */
    @Test
    void theSupervisorsChaseOpensWithAnEmptyNoteNotWithTheAdministratorsChase() {
        CaseDriver c = administratorsChased();

        Task supervisors = c.task("Task_ChaseSpecialistAdvice");
        assertThat(engine.getFormService().getTaskFormVariables(supervisors.getId())
                .getValue("chaseNote", String.class)).as("the supervisors' chase starts empty").isNullOrEmpty();
        engine.getTaskService().claim(supervisors.getId(), "maria");
        engine.getFormService().submitTaskForm(supervisors.getId(),
                Map.of("chaseNote", "Sam answers Anna within the hour"));
        c.runAsyncSteps();

        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdviceChased");
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(c.instance.getId())
                .variableUpdates().orderPartiallyByOccurrence().asc().list().stream()
                .map(detail -> (HistoricVariableUpdate) detail)
                .filter(update -> "chaseNote".equals(update.getVariableName())).map(HistoricVariableUpdate::getValue))
                .as("both notes are recorded on the case")
                .containsExactly("Asked Sam's lead to call Anna now", "Sam answers Anna within the hour");
    }

    /**
     * What the administrators did on a chase reaches whoever works the case next: the supervisors still on their own
     * chase read it in the case header, and the owner after them, each chase named, with who and when, oldest first.
     * The note (chaseNote) was recorded on the case and shown on no form, so the supervisors could repeat or contradict
     * what the administrators had done.
     */
    @Test
    void theSupervisorsAndThenTheOwnerReadWhatTheAdministratorsChaseDid() {
        CaseDriver c = administratorsChased();

        assertThat(header(c, "Task_ChaseSpecialistAdvice")).as("the supervisors' open chase")
                .containsSubsequence("#### Who stepped in", "Get the specialist's advice to the owner now",
                        "Asked Sam's lead to call Anna now");

        c.complete("Task_ChaseSpecialistAdvice", "maria", Map.of("chaseNote", "Sam answers Anna within the hour"))
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                        "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        assertThat(header(c, "Task_PromiseCallback")).as("the owner's next step")
                .containsSubsequence("#### Who stepped in", "Get the specialist's advice to the owner now",
                        "Asked Sam's lead to call Anna now", "Get the specialist's advice to the owner · Maria",
                        "Sam answers Anna within the hour", "####");
    }

    private String header(CaseDriver c, String taskDefinitionKey) {
        return engine.getFormService().getTaskFormVariables(c.task(taskDefinitionKey).getId())
                .getValue("caseHeader", String.class);
    }

    @Test
    void administratorsChasingTheAdviceKeepTheirTaskUntilTheAdviceArrivesWhateverTheSupervisorsDid() {
        CaseDriver c = withSpecialist();
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_AdviceChaseOverdue");

        c.complete("Task_ChaseSpecialistAdvice", "maria", Map.of("chaseNote", "Sam answers Anna within the hour"));
        assertThat(c.instance).hasPassed("EndEvent_SpecialistAdviceChased")
                .hasNotPassed("EndEvent_AdviceChasedByAdministrators");
        assertThat(openSteps(c)).as("a chase is no advice: the owner still waits for it")
                .containsExactlyInAnyOrder("Task_DiagnoseAsSpecialist", "Task_ChaseSpecialistAdviceNow");

        c.complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        assertThat(openSteps(c)).containsExactly("Task_PromiseCallback");
        assertThat(c.instance).hasPassed("EndEvent_AdviceGiven").hasNotPassed("EndEvent_AdviceChasedByAdministrators");
    }

    @Test
    void adviceThatArrivesWhileTheSupervisorsChaseItEndsTheirTaskAndBringsInNoAdministrator() {
        CaseDriver c = withSpecialist();
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        Date window = c.oneUpdateIntervalFromNow(deadlines);

        c.timePasses(Duration.ofMinutes(20)).complete("Task_DiagnoseAsSpecialist", "sam", Map.of(
                "specialistDiagnosis", "Duplicate billing run", "faultParty", "company",
                "diagnosisOutcome", "answerKnown"));

        assertThat(openSteps(c)).as("the advice is with the owner: nothing left to chase")
                .containsExactly("Task_PromiseCallback");
        assertThat(c.hasTimer("Event_AdviceChaseOverdue")).isFalse();
        datePasses(c, window);
        assertThat(openSteps(c)).doesNotContain("Task_ChaseSpecialistAdviceNow", "Task_ChaseSpecialistAdvice");
    }

    @Test
    void adviceThatArrivesAfterTheAdministratorsCameInEndsTheirTaskAndTheSupervisors() {
        CaseDriver c = withSpecialist();
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_AdviceChaseOverdue");

        c.complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Duplicate billing run",
                "faultParty", "company", "diagnosisOutcome", "answerKnown"));

        assertThat(openSteps(c)).containsExactly("Task_PromiseCallback");
        assertThat(c.instance).hasNotPassed("EndEvent_SpecialistAdviceChased", "EndEvent_AdviceChasedByAdministrators");
    }

    @Test
    void supervisorWhoChasesTheSpecialistInTimeBringsInNoAdministrator() {
        CaseDriver c = withSpecialist();
        c.timeIs((Date) c.variable("specialistAdviceDueAt")).timerFires("Event_SpecialistAdviceOverdue");
        assertThat(c.hasTimer("Event_AdviceChaseOverdue")).isTrue();

        c.timePasses(Duration.ofMinutes(20)).complete("Task_ChaseSpecialistAdvice", "maria",
                Map.of("chaseNote", "Sam answers Anna within the hour"));

        assertThat(c.hasTimer("Event_AdviceChaseOverdue")).isFalse();
        assertThat(openSteps(c)).doesNotContain("Task_ChaseSpecialistAdviceNow");
    }

    @Test
    void supervisorWhoDoesNotMakeSureTheCustomerHearsFromTheOwnerInTimeIsChasedByTheAdministrators() {
        CaseDriver c = adviceJustBeforeTheDate();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        Date window = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_MakingSureOverdue")).isEqualTo(window);

        c.timeIs(window).timerFires("Event_MakingSureOverdue");

        assertThat(c.task("Task_MakeSureCustomerHearsFromOwnerNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_MakeSureCustomerHearsFromOwner")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        assertThat(c.task("Task_PromiseCallback")).isAssignedTo("anna");
        c.complete("Task_MakeSureCustomerHearsFromOwnerNow", "admin",
                Map.of("chaseNote", "Called Jane myself: Anna calls her back within the hour"));
        assertThat(c.instance).hasPassed("EndEvent_AdministratorsMadeSure")
                .hasNotPassed("EndEvent_SupervisorMadeSure");
        assertThat(openSteps(c)).as("nothing decided for the supervisors or the owner")
                .contains("Task_MakeSureCustomerHearsFromOwner", "Task_PromiseCallback");

        c.complete("Task_MakeSureCustomerHearsFromOwner", "maria",
                Map.of("supervisorAction", "Anna promised Jane the callback"));
        assertThat(c.instance).hasPassed("EndEvent_SupervisorMadeSure");
    }

    @Test
    void supervisorWhoMakesSureAfterTheAdministratorsCameInEndsTheAdministratorsTask() {
        CaseDriver c = adviceJustBeforeTheDate();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_MakingSureOverdue");

        c.complete("Task_MakeSureCustomerHearsFromOwner", "maria",
                Map.of("supervisorAction", "Anna promised Jane the callback"));

        assertThat(c.instance).hasPassed("EndEvent_SupervisorMadeSure").hasNotPassed("EndEvent_AdministratorsMadeSure");
        assertThat(openSteps(c)).as("nothing left for the administrators").containsExactly("Task_PromiseCallback");
    }

    @Test
    void ownerWhoPromisesTheCallbackWhileTheSupervisorsMakeSureEndsTheirTask() {
        CaseDriver c = adviceJustBeforeTheDate();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        assertThat(c.task("Task_MakeSureCustomerHearsFromOwner")).hasCandidateGroup("supervisors");

        c.timePasses(Duration.ofMinutes(15)).promiseCallbackIn(Duration.ofHours(2));

        assertThat(openSteps(c)).as("the customer has the owner's promise in writing: nothing left to make sure")
                .doesNotContain("Task_MakeSureCustomerHearsFromOwner");
        assertThat(c.hasTimer("Event_MakingSureOverdue")).as("no administrator is brought in for it").isFalse();
        assertThat(c.instance).hasPassed("EndEvent_OwnerReachedCustomerMeanwhile")
                .hasNotPassed("EndEvent_SupervisorMadeSure");
    }

    @Test
    void ownerWhoAnswersTheCustomerAfterTheAdministratorsCameInEndsTheirTaskAndTheSupervisors() {
        CaseDriver c = adviceJustBeforeTheDate();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_MakingSureOverdue");
        c.customerWrites("Any news from the specialist?");

        c.timePasses(Duration.ofMinutes(5))
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes: I refund it today."));

        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwner",
                "Task_MakeSureCustomerHearsFromOwnerNow");
        assertThat(c.instance).hasPassed("EndEvent_OwnerReachedCustomerMeanwhile")
                .hasNotPassed("EndEvent_AdministratorsMadeSure");
    }

    @Test
    void supervisorWhoMakesSureInTimeBringsInNoAdministrator() {
        CaseDriver c = adviceJustBeforeTheDate();
        datePasses(c, (Date) c.variable("specialistAdviceDueAt"));
        assertThat(c.hasTimer("Event_MakingSureOverdue")).isTrue();

        c.timePasses(Duration.ofMinutes(20)).complete("Task_MakeSureCustomerHearsFromOwner", "maria",
                Map.of("supervisorAction", "Called Jane myself: Anna promises the callback within the hour"));

        assertThat(c.hasTimer("Event_MakingSureOverdue")).isFalse();
        assertThat(openSteps(c)).doesNotContain("Task_MakeSureCustomerHearsFromOwnerNow");
    }
}
