package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.RefusedEntryException;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.insights.Insights;
import com.followthrough.insights.InsightsFilter;
import com.followthrough.insights.SupportInsights;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Issue 12 item 9, C: "If I ask you for a discount, find out who in your company is offering the discount". A request
 * is traced the moment it is made, at any step where the customer may ask (Listen, a callback, an answer), whoever
 * was at fault, with the step and the person who heard it; the insights count requests by that source. A trace the
 * supervisors leave past its due date brings in the administrators; the trace stays with the supervisors.
 */
@ProcessTest(startsAt = DiscountRequestsProcessTest.DAY + "T09:00")
class DiscountRequestsProcessTest {

    /** A day of its own, so that the insights count only this class's cases. */
    static final String DAY = "2027-03-08";
    private static final String INSIGHTS_DAY = "2027-03-09";
    private static final String LAST_CHANCE_DAY = "2027-03-10";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired Insights insights;
    @Autowired JdbcClient jdbc;

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()));
    }

    private Object onTheTrace(CaseDriver c, String variable) {
        return engine.getTaskService().getVariable(c.task("Task_TraceDiscountOffer").getId(), variable);
    }

    @Test
    void discountAskedWhileListeningIsTracedAtOnceBeforeAnyoneKnowsWhoIsAtFault() {
        CaseDriver c = open().listen("anna", Map.of("discountRequested", true));

        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_TraceDiscountOffer");
        assertThat(c.task("Task_TraceDiscountOffer")).hasCandidateGroup("supervisors");
        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Listen to the customer");
        assertThat(onTheTrace(c, "discountRequestRecordedBy")).isEqualTo("anna");
        assertThat(onTheTrace(c, "discountRequestRecordedByName")).isEqualTo("Anna Clarke");

        c.complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post promises discounts on complaint"));
        assertThat(c.instance).hasPassed("EndEvent_DiscountRequestTraced").isWaitingAt("Task_DiagnoseProblem");
    }

    /**
     * A second discount request on one case is traced afresh: Tasklist filled its trace with the first trace's
     * finding (discountTrace), ready to be submitted as this one's.
     */
    @Test
    void aSecondDiscountRequestIsTracedOnAnEmptyFormNotWithTheFirstTrace() {
        CaseDriver c = open().listen("anna", Map.of("discountRequested", true))
                .complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post offers 10%"))
                .diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2));
        c.complete("Task_CallCustomerBack", null, Map.of("callbackOutcome", "reachedNotSolved",
                "callbackNotes", "Asked for 20% off next month", "discountRequested", true));

        Task second = c.task("Task_TraceDiscountOffer");
        assertThat(engine.getFormService().getTaskFormVariables(second.getId()).getValue("discountTrace", String.class))
                .as("the second trace starts empty").isNullOrEmpty();

        engine.getFormService().submitTaskForm(second.getId(), Map.of("discountTrace", "A sales script offers 20%"));
        c.runAsyncSteps();
        assertThat(c.variable("discountTrace")).isEqualTo("A sales script offers 20%");
    }

    @Test
    void discountAskedOnACallbackIsTracedAtOnceEvenWhenWeAreAtFault() {
        CaseDriver c = open().listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));
        c.complete("Task_CallCustomerBack", null, Map.of("callbackOutcome", "reachedNotSolved",
                "callbackNotes", "Asked for 20% off next month", "discountRequested", true));

        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Call the customer back");
        assertThat(onTheTrace(c, "discountRequestRecordedBy")).isEqualTo("anna");
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_TraceDiscountOffer");
    }

    @Test
    void discountAskedInAMessageIsTracedWhenTheAgentAnswersIt() {
        CaseDriver c = open().listen("anna", Map.of()).customerWrites("Can I get a discount for the trouble?")
                .complete("Task_AnswerCustomerMessage", "anna", Map.of("replyText", "We will fix the cause and refund the fee.",
                        "discountRequested", true));

        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Answer the customer");
        assertThat(c.instance).hasPassed("Task_SendAnswer");
    }

    /**
     * The owner did not answer in time and a supervisor, or after them an administrator, answers the message: the
     * discount asked for in it is traced as the owner's answer would trace it. Their forms had no such tick, and a
     * request heard there was neither traced nor counted.
     */
    @Test
    void discountAskedInAMessageIsTracedWhenASupervisorOrAnAdministratorAnswersIt() {
        CaseDriver bySupervisor = answerIsLate("I want a discount for the trouble, or I leave.")
                .complete("Task_AnswerCustomerMessageAsSupervisor", "maria", Map.of("whoAnswers", "myself",
                        "replyText", "We will fix the cause.", "discountRequested", true));

        assertThat(bySupervisor.instance).hasPassed("Task_SendSupervisorAnswer");
        assertThat(onTheTrace(bySupervisor, "discountRequestStep")).isEqualTo("Answer the customer now");
        assertThat(onTheTrace(bySupervisor, "discountRequestRecordedBy")).isEqualTo("maria");

        CaseDriver late = answerIsLate("Give me 20% off.");
        CaseDriver byAdministrator = late.timeIs(late.timerDueDate("Event_SupervisorAnswerOverdue"))
                .timerFires("Event_SupervisorAnswerOverdue")
                .complete("Task_AnswerCustomerMessageAtOnce", "admin",
                        Map.of("replyText", "We will fix the cause.", "discountRequested", true));

        assertThat(byAdministrator.instance).hasPassed("Task_SendAdministratorAnswer");
        assertThat(onTheTrace(byAdministrator, "discountRequestStep")).isEqualTo("Answer the customer at once");
        assertThat(onTheTrace(byAdministrator, "discountRequestRecordedBy")).isEqualTo("admin");
    }

    /**
     * The supervisors give the first response nobody gave in time (on the phone, or in writing), and the customer asks
     * for a discount: it is traced as on Listen. Their form had no such tick, and a request heard there was neither
     * traced nor counted.
     */
    @Test
    void discountAskedOnTheFirstResponseTheSupervisorsGiveIsTraced() {
        CaseDriver c = open().timePasses(Duration.ofMinutes(10)).listen("anna", Map.of("spokeToCustomer", "no"));
        c.timeIs((Date) c.variable("firstResponseDueAt")).timerFires("Event_FirstResponseStillOwed");

        c.complete("Task_GiveFirstResponse", "maria", Map.of("firstResponseNote", "Called Jane; she wants 20% off",
                "reachedCustomerByPhone", "yes", "discountRequested", true));

        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Give the customer a first response");
        assertThat(onTheTrace(c, "discountRequestRecordedBy")).isEqualTo("maria");
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_TraceDiscountOffer");
    }

    /**
     * The customer replies to the solution and asks for a discount: the owner who reads the reply ticks it, and it is
     * traced whether the case is reopened or the customer confirms. The form had no such tick.
     */
    @Test
    void discountAskedInAReplyToTheSolutionIsTracedWhenTheOwnerDecidesOnIt() {
        CaseDriver reopened = resolved().customerWrites("Still charged twice. I want a discount for this.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still there", "discountRequested", true));

        assertThat(onTheTrace(reopened, "discountRequestStep")).isEqualTo("Decide on the customer's reply");
        assertThat(onTheTrace(reopened, "discountRequestRecordedBy")).isEqualTo("anna");
        assertThat(reopened.instance).isWaitingAt("Task_DiagnoseProblem", "Task_TraceDiscountOffer");

        CaseDriver confirmed = resolved().customerWrites("It works now, but I expect something free for the trouble.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "confirmed",
                        "discountRequested", true));

        assertThat(confirmed.instance).hasPassed("Task_SendClosingSummary");
        assertThat(onTheTrace(confirmed, "discountRequestStep")).isEqualTo("Decide on the customer's reply");
    }

    /** The same when the owner's decision was late and the supervisors decide on the reply instead. */
    @Test
    void discountAskedInAReplyToTheSolutionIsTracedWhenTheSupervisorsDecideOnIt() {
        CaseDriver c = resolved().customerWrites("Still charged twice. I want a discount for this.");
        c.timeIs((Date) c.variable("answerDueAt")).timerFires("Event_ReplyDecisionOverdue");

        c.complete("Task_DecideOnCustomerReplyAsSupervisor", "maria", Map.of("replyDecision", "reopen",
                "discountRequested", true));

        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Decide on the customer's reply now");
        assertThat(onTheTrace(c, "discountRequestRecordedBy")).isEqualTo("maria");
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_TraceDiscountOffer");
    }

    private CaseDriver resolved() {
        return open().listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0);
    }

    private CaseDriver answerIsLate(String message) {
        CaseDriver c = open().listen("anna", Map.of()).customerWrites(message);
        return c.timeIs(c.task("Task_AnswerCustomerMessage").getDueDate()).timerFires("Event_AnswerDue");
    }

    @Test
    void eachStepAsksAfreshSoOneRequestIsTracedOnce() {
        CaseDriver c = open().listen("anna", Map.of("discountRequested", true)).customerWrites("Any news?");
        Task answer = c.task("Task_AnswerCustomerMessage");

        assertThat(engine.getTaskService().getVariable(answer.getId(), "discountRequested")).isEqualTo(false);
        c.complete("Task_AnswerCustomerMessage", "anna", Map.of("replyText", "We are on it."));
        assertThat(c.openTasks()).filteredOn(t -> t.getTaskDefinitionKey().equals("Task_TraceDiscountOffer")).hasSize(1);
    }

    @Test
    void noDiscountAskedNothingTraced() {
        CaseDriver c = open().solveAtFirstContactAndClose();

        assertThat(c.instance).isEnded().hasNotPassed("Task_TraceDiscountOffer");
    }

    @Test
    void insightsShowDiscountRequestsByStepAndAgent() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(INSIGHTS_DAY + "T09:00")));
        open().listen("anna", Map.of("discountRequested", true));
        CaseDriver c = open().listen("anna", Map.of()).diagnose("answerKnown", "customer").promiseCallbackIn(Duration.ofHours(2));
        c.complete("Task_CallCustomerBack", null, Map.of("callbackOutcome", "reachedNotSolved",
                "callbackNotes", "Wants a discount", "discountRequested", true));

        LocalDate day = LocalDate.parse(INSIGHTS_DAY);
        SupportInsights.DiscountRequests requests = insights.of(new InsightsFilter(day, day, null, null, null))
                .discountRequests();

        assertThat(requests.bySource()).extracting(SupportInsights.DiscountSource::step,
                        SupportInsights.DiscountSource::stepName, SupportInsights.DiscountSource::recordedBy,
                        SupportInsights.DiscountSource::name, SupportInsights.DiscountSource::requests)
                .containsExactlyInAnyOrder(
                        tuple("Task_ListenToCustomer", "Listen to the customer", "anna", "Anna Clarke", 1L),
                        tuple("Task_CallCustomerBack", "Call the customer back", "anna", "Anna Clarke", 1L));
        assertThat(requests.requested()).isEqualTo(2);
        assertThat(requests.traced()).isZero();
    }

    @Test
    void aTraceTheSupervisorsLeavePastItsDueDateBringsInTheAdministrators() {
        CaseDriver c = open().listen("anna", Map.of("discountRequested", true));
        Date due = c.task("Task_TraceDiscountOffer").getDueDate();
        assertThat(c.timerDueDate("Event_DiscountTraceOverdue")).as("the administrators come in when it is due")
                .isEqualTo(due);

        c.timeIs(due).timerFires("Event_DiscountTraceOverdue");

        assertThat(c.task("Task_TraceDiscountOfferNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_TraceDiscountOffer")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        c.complete("Task_TraceDiscountOfferNow", "admin", Map.of("chaseNote", "Asked Maria to trace it today"));
        assertThat(c.instance).hasPassed("EndEvent_DiscountTraceChased").hasNotPassed("EndEvent_DiscountRequestTraced");
        assertThat(c.instance).isWaitingAt("Task_DiagnoseProblem", "Task_TraceDiscountOffer");

        c.complete("Task_TraceDiscountOffer", "maria",
                Map.of("discountTrace", "A forum post promises discounts"));
        assertThat(c.instance).hasPassed("EndEvent_DiscountRequestTraced");
    }

    @Test
    void aTraceTheSupervisorsFinishAfterTheAdministratorsCameInEndsTheAdministratorsTask() {
        CaseDriver c = open().listen("anna", Map.of("discountRequested", true));
        c.timeIs(c.task("Task_TraceDiscountOffer").getDueDate()).timerFires("Event_DiscountTraceOverdue");
        assertThat(c.task("Task_TraceDiscountOfferNow")).hasCandidateGroup("camunda-admin");

        c.complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post promises discounts"));

        assertThat(c.instance).hasPassed("EndEvent_DiscountRequestTraced").hasNotPassed("EndEvent_DiscountTraceChased");
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).as("nothing left for the administrators")
                .containsExactly("Task_DiagnoseProblem");
    }

    @Test
    void aTraceDoneInTimeBringsInNoAdministrator() {
        CaseDriver c = open().listen("anna", Map.of("discountRequested", true));
        assertThat(c.hasTimer("Event_DiscountTraceOverdue")).isTrue();

        c.timePasses(Duration.ofHours(1))
                .complete("Task_TraceDiscountOffer", "maria",
                        Map.of("discountTrace", "A forum post promises discounts"));

        assertThat(c.hasTimer("Event_DiscountTraceOverdue")).isFalse();
        assertThat(c.instance).hasNotPassed("Task_TraceDiscountOfferNow");
    }

    /**
     * A callback promised on a last-chance call runs after the case closed, in the customer feedback: a discount asked
     * for on it is traced by the supervisors as on an open case, and the insights count it for the case.
     */
    @Test
    void discountAskedOnTheCallbackPromisedOnALastChanceCallIsTracedThoughTheCaseHasClosed() {
        CaseDriver c = lastChanceCallbackDue();

        c.complete("Task_CallCustomerBack", "maria", Map.of("callbackOutcome", "reachedSolved",
                "callbackNotes", "Stays if she gets 20% off", "discountRequested", true));

        assertThat(c.task("Task_TraceDiscountOffer")).hasCandidateGroup("supervisors")
                .hasDueDate(c.timerDueDate("Event_DiscountTraceOverdue"));
        assertThat(c.task("Task_TraceDiscountOffer").getProcessInstanceId()).isEqualTo(feedbackId(c));
        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Call the customer back");
        assertThat(onTheTrace(c, "discountRequestRecordedBy")).isEqualTo("maria");
        assertThat(onTheTrace(c, "discountRequestRecordedByName")).isEqualTo("Maria Lindqvist");
        assertThat(jdbc.sql("SELECT step FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(String.class).list()).containsExactly("Task_CallCustomerBack");

        c.complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post promises discounts"));

        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(feedbackId(c))
                .activityId("EndEvent_DiscountRequestTraced").count()).isOne();
        assertThat(c.caseFact(jdbc, "CASE WHEN discount_traced THEN 1 ELSE 0 END"))
                .as("the insights count the request as traced, for the case").isOne();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(feedbackId(c))
                .singleResult()).as("the trace ends only itself: the survey still waits for the answer")
                .isWaitingAt("Gateway_AwaitSurveyAnswer");
    }

    @Test
    void aTraceOfALastChanceCallbacksDiscountLeftPastItsDueDateBringsInTheAdministrators() {
        CaseDriver c = lastChanceCallbackDue().complete("Task_CallCustomerBack", "maria", Map.of(
                "callbackOutcome", "reachedSolved", "callbackNotes", "Wants a discount", "discountRequested", true));
        int administratorsBefore = c.caseFact(jdbc, "administrator_escalations");

        c.timeIs(c.task("Task_TraceDiscountOffer").getDueDate()).timerFires("Event_DiscountTraceOverdue");

        assertThat(c.task("Task_TraceDiscountOfferNow")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_TraceDiscountOffer")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        assertThat(c.caseFact(jdbc, "administrator_escalations")).isEqualTo(administratorsBefore + 1);
        c.complete("Task_TraceDiscountOfferNow", "demo", Map.of("chaseNote", "Asked Maria to trace it today"));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(feedbackId(c))
                .activityId("EndEvent_DiscountTraceChased").count()).isOne();
        assertThat(c.task("Task_TraceDiscountOffer")).as("nothing is traced for the supervisors").isNotNull();
        assertThat(engine.getFormService().getTaskFormVariables(c.task("Task_TraceDiscountOffer").getId())
                .getValue("caseHeader", String.class)).as("the supervisors read what the administrators did")
                .containsSubsequence("#### Who stepped in", "Trace the discount offer now",
                        "Asked Maria to trace it today");
    }

    /**
     * The last-chance call is a call with an unhappy customer, the step where a discount is most likely asked for: the
     * supervisor ticks it, and it is traced in the customer feedback and counted by the step that heard it, whether
     * the customer stays or not. Its form had no such tick, and a request heard there was neither traced nor counted.
     */
    @Test
    void discountAskedOnTheLastChanceCallIsTracedAndCountedByTheStep() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(LAST_CHANCE_DAY + "T09:00")));
        CaseDriver c = open().closeAfterABrokenPromise();
        assertThat(c.instance).isEnded();

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "leaves",
                "lastChanceNotes", "She stays only for 30% off", "discountRequested", true));

        assertThat(c.task("Task_TraceDiscountOffer").getProcessInstanceId()).isEqualTo(feedbackId(c));
        assertThat(c.task("Task_TraceDiscountOffer")).hasCandidateGroup("supervisors");
        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Call the customer: last chance");
        assertThat(onTheTrace(c, "discountRequestRecordedByName")).isEqualTo("Maria Lindqvist");
        LocalDate day = LocalDate.parse(LAST_CHANCE_DAY);
        SupportInsights.DiscountRequests requests = insights.of(new InsightsFilter(day, day, null, null, null))
                .discountRequests();
        assertThat(requests.bySource()).extracting(SupportInsights.DiscountSource::step,
                        SupportInsights.DiscountSource::stepName, SupportInsights.DiscountSource::recordedBy)
                .containsExactly(tuple("Task_CallForALastChance", "Call the customer: last chance", "maria"));
        assertThat(requests.requested()).isOne();

        c.complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post promises discounts"));
        assertThat(c.caseFact(jdbc, "CASE WHEN discount_traced THEN 1 ELSE 0 END")).isOne();
    }

    /**
     * A customer the last-chance call did not reach asked for nothing: a discount ticked with noAnswer is refused,
     * naming the tick, and nothing is recorded or traced, as a callback promised on such a call is refused. It used
     * to be recorded as a request and traced.
     */
    @Test
    void aDiscountTickedOnALastChanceCallThatReachedNobodyIsRefusedAndNothingIsTraced() {
        CaseDriver c = open().closeAfterABrokenPromise();

        assertThatThrownBy(() -> c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "noAnswer",
                "discountRequested", true)))
                .isInstanceOfSatisfying(RefusedEntryException.class, refused -> assertThat(refused.errors())
                        .extracting(RefusedEntryException.FieldError::field).containsExactly("discountRequested"))
                .hasMessageContaining("you could not reach the customer, so they asked for no discount on this call");

        assertThat(c.task("Task_CallForALastChance")).isNotNull();
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).doesNotContain("Task_TraceDiscountOffer");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(Long.class).single()).isZero();
    }

    /** The same on a callback that did not reach the customer (a voicemail): refused, nothing traced. */
    @Test
    void aDiscountTickedOnACallbackThatDidNotReachTheCustomerIsRefusedAndNothingIsTraced() {
        CaseDriver c = open().listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));

        assertThatThrownBy(() -> c.complete("Task_CallCustomerBack", null, Map.of("callbackOutcome", "notReached",
                "callbackNotes", "Voicemail box", "discountRequested", true)))
                .isInstanceOfSatisfying(RefusedEntryException.class, refused -> assertThat(refused.errors())
                        .extracting(RefusedEntryException.FieldError::field).containsExactly("discountRequested"))
                .hasMessageContaining("you could not reach the customer, so they asked for no discount on this call");

        assertThat(c.task("Task_CallCustomerBack")).isNotNull();
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).doesNotContain("Task_TraceDiscountOffer");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(Long.class).single()).isZero();
    }

    /** The same on the administrators' call, when no supervisor called in time (same form). */
    @Test
    void discountAskedOnTheOverdueLastChanceCallIsTraced() {
        CaseDriver c = open().closeAfterABrokenPromise();
        c.timePasses(Duration.ofDays(2)).timerFires("Event_LastChanceCallOverdue");

        c.complete("Task_CallForALastChanceOverdue", "admin", Map.of("lastChanceOutcome", "stays",
                "discountRequested", true));

        assertThat(onTheTrace(c, "discountRequestStep")).isEqualTo("Call the customer: last chance (overdue)");
        assertThat(onTheTrace(c, "discountRequestRecordedBy")).isEqualTo("admin");
        assertThat(jdbc.sql("SELECT step FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(String.class).list()).containsExactly("Task_CallForALastChanceOverdue");
    }

    /** The notes of a last-chance call that comes round again start empty, not with the first call's notes. */
    @Test
    void aLastChanceCallThatComesRoundAgainOpensWithEmptyNotes() {
        CaseDriver c = open().closeAfterABrokenPromise();
        Task again = lastChanceCallComesRoundAgain(c, CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));
        assertThat(engine.getFormService().getTaskFormVariables(again.getId())
                .getValue("lastChanceNotes", String.class))
                .as("the second call's notes start empty").isNullOrEmpty();
    }

    /** A last-chance call that comes round again asks afresh: a request ticked on the first is not traced twice. */
    @Test
    void aLastChanceCallThatComesRoundAgainAsksAfresh() {
        CaseDriver c = open().closeAfterABrokenPromise();
        Map<String, Object> callback = new HashMap<>(CaseDriver.lastChanceCallbackIn(Duration.ofHours(2)));
        callback.put("discountRequested", true);
        Task again = lastChanceCallComesRoundAgain(c, callback);
        assertThat(engine.getTaskService().getVariable(again.getId(), "discountRequested")).isEqualTo(false);
        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "stays"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(Integer.class).single()).isOne();
    }

    /**
     * A second discount request after the case closed is traced afresh, as in the case: Tasklist filled the feedback's
     * trace with the first trace's finding (discountTrace), ready to be submitted as this one's.
     */
    @Test
    void aSecondDiscountRequestAfterTheCaseClosedIsTracedOnAnEmptyFormNotWithTheFirstTrace() {
        CaseDriver c = open().closeAfterABrokenPromise();
        Map<String, Object> lastChance = new HashMap<>(CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        lastChance.put("discountRequested", true);
        c.complete("Task_CallForALastChance", "maria", lastChance).complete("Task_TraceDiscountOffer", "maria",
                Map.of("discountTrace", "A forum post promises discounts"));
        c.timePasses(Duration.ofHours(2)).complete("Task_CallCustomerBack", "maria", Map.of(
                "callbackOutcome", "reachedSolved", "callbackNotes", "Stays if she gets 20% off",
                "discountRequested", true));

        Task second = c.task("Task_TraceDiscountOffer");
        assertThat(second.getProcessInstanceId()).isEqualTo(feedbackId(c));
        assertThat(engine.getFormService().getTaskFormVariables(second.getId()).getValue("discountTrace", String.class))
                .as("the second trace starts empty").isNullOrEmpty();

        engine.getFormService().submitTaskForm(second.getId(), Map.of("discountTrace", "A sales script offers 20%"));
        c.runAsyncSteps();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(feedbackId(c))
                .variableName("discountTrace").singleResult().getValue())
                .as("the feedback records the second trace's finding").isEqualTo("A sales script offers 20%");
    }

    /** A case closed after a broken promise; the last-chance call promised a callback, now due in an hour. */
    private CaseDriver lastChanceCallbackDue() {
        CaseDriver c = open().closeAfterABrokenPromise();
        assertThat(c.instance).isEnded();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        return c.timePasses(Duration.ofHours(2));
    }

    private String feedbackId(CaseDriver c) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).processInstanceBusinessKey(c.reference)
                .singleResult().getId();
    }

    /**
     * Maria promises a callback on the last-chance call with {@code firstCall}; the callback misses the customer, who
     * then calls in: the last-chance call comes round again, and is returned.
     */
    private Task lastChanceCallComesRoundAgain(CaseDriver c, Map<String, Object> firstCall) {
        c.complete("Task_CallForALastChance", "maria", firstCall);
        engine.getTaskService().complete(c.timePasses(Duration.ofHours(1)).task("Task_CallCustomerBack").getId(),
                Map.of("callbackOutcome", "notReached", "callbackNotes", "Voicemail box"));
        assertThat(inbox.customerCalledIn(c.reference, "Jane: call me on my mobile."))
                .isEqualTo(CaseInbox.Outcome.TAKEN);
        c.runAsyncSteps();
        return c.task("Task_CallForALastChance");
    }
}
