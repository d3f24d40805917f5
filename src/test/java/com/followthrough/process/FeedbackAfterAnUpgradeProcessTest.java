package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.RefusedEntryException;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.discount.DiscountRequests;
import com.followthrough.feedback.FeedbackUpgrade;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Customer feedbacks started on the model from before it traced a discount asked for on a last-chance callback
 * ({@code earlier-models/before-the-feedback-traced-discounts}, copied from 450df5f, the version before 5b79a07).
 * Not a {@link ProcessTest}: coverage measures the current models.
 */
@FollowThroughSpringTest
class FeedbackAfterAnUpgradeProcessTest {

    private static final String EARLIER = "earlier-models/before-the-feedback-traced-discounts/";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired JdbcClient jdbc;
    @Autowired FeedbackUpgrade upgrade;

    @RegisterExtension final ModelUpgrades upgrades = new ModelUpgrades();

    private final AppHttp http;

    FeedbackAfterAnUpgradeProcessTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @Test
    void aDiscountAskedOnALastChanceCallbackOfAFeedbackStartedBeforeTheUpgradeIsTraced() {
        upgrades.deploy(EARLIER + "customer-feedback.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .closeAfterABrokenPromise();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        upgrades.deploy("processes/customer-feedback.bpmn");

        assertThat(upgrade.migrateToTheLatest(c.reference)).as("the app starts on the new version").isOne();
        c.timePasses(Duration.ofHours(2)).complete("Task_CallCustomerBack", "maria", Map.of(
                "callbackOutcome", "reachedSolved", "callbackNotes", "Stays if she gets 20% off",
                "discountRequested", true));

        assertThat(c.task("Task_TraceDiscountOffer")).hasCandidateGroup("supervisors")
                .hasDueDate(c.timerDueDate("Event_DiscountTraceOverdue"));
        assertThat(c.task("Task_TraceDiscountOffer").getProcessInstanceId()).isEqualTo(feedback(c).getId());
        assertThat(jdbc.sql("SELECT step FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(String.class).list()).containsExactly("Task_CallCustomerBack");
        c.complete("Task_TraceDiscountOffer", "maria", Map.of("discountTrace", "A forum post promises discounts"));
        assertThat(c.caseFact(jdbc, "CASE WHEN discount_traced THEN 1 ELSE 0 END")).isOne();
        assertThat(feedback(c)).isWaitingAt("Gateway_AwaitSurveyAnswer");
    }

    /**
     * A feedback waiting at the last-chance call on a version from before the call asked whether the customer wanted a
     * discount moves to the latest all the same. Its open call was created without the tick: its form does not offer
     * it (hidden where the task does not set discountRequestsTraced), a tick sent over REST is refused naming it, and
     * the call completes as before, with nothing traced. The next call the feedback makes asks.
     */
    @Test
    void anOpenLastChanceCallOfAFeedbackStartedBeforeTheTickMovesToTheLatestAndCompletesWithoutIt() throws Exception {
        upgrades.deploy(EARLIER + "customer-feedback.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .closeAfterABrokenPromise();
        upgrades.deploy("processes/customer-feedback.bpmn");

        assertThat(upgrade.migrateToTheLatest(c.reference)).isOne();
        Task call = c.task("Task_CallForALastChance");
        assertThat(engine.getTaskService().getVariable(call.getId(), DiscountRequests.TRACED)).isNull();
        engine.getTaskService().claim(call.getId(), "maria");

        HttpResponse<String> refused = http.postJson("/engine-rest/task/" + call.getId() + "/complete",
                "maria:maria", "{\"variables\": {\"lastChanceOutcome\": {\"value\": \"stays\"},"
                        + " \"discountRequested\": {\"value\": true}}}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("discountRequested");

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "stays"));
        assertThat(c.openTasks()).extracting(Task::getTaskDefinitionKey).doesNotContain("Task_CallForALastChance");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(Integer.class).single()).isZero();
    }

    /**
     * A feedback from before "Keep the promise at risk" moved into KeepPromise has its own copy of the step, which the
     * latest has not: it stays on its version, and a discount ticked on its last-chance callback is refused naming the
     * field and saying what to do, instead of an error of ours. Nothing is recorded and the call stays open.
     */
    @Test
    void aFeedbackWhoseStepsTheLatestHasNotStaysOnItsVersionAndADiscountOnItsCallbackIsRefusedSayingWhatToDo() {
        String beforeTheStepMoved = "earlier-models/before-the-step-moved/";
        upgrades.deploy(beforeTheStepMoved + "customer-feedback.bpmn");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .closeAfterABrokenPromise();
        c.complete("Task_CallForALastChance", "maria", CaseDriver.lastChanceCallbackIn(Duration.ofHours(3)));
        String version = feedback(c).getProcessDefinitionId();
        upgrades.deploy("processes/customer-feedback.bpmn");

        assertThat(upgrade.migrateToTheLatest(c.reference)).isZero();
        assertThat(feedback(c).getProcessDefinitionId()).isEqualTo(version);

        c.timePasses(Duration.ofHours(2));
        assertThatThrownBy(() -> c.complete("Task_CallCustomerBack", "maria", Map.of("callbackOutcome",
                "reachedSolved", "callbackNotes", "Stays if she gets 20% off", "discountRequested", true)))
                .isInstanceOf(RefusedEntryException.class).hasMessageStartingWith("discountRequested: ")
                .hasMessageContaining("earlier version").hasMessageContaining("ask a supervisor");
        assertThat(c.task("Task_CallCustomerBack")).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_discount_request WHERE case_reference = ?").param(c.reference)
                .query(Integer.class).single()).isZero();
    }

    private ProcessInstance feedback(CaseDriver c) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Processes.CUSTOMER_FEEDBACK)
                .processInstanceBusinessKey(c.reference).singleResult();
    }
}
