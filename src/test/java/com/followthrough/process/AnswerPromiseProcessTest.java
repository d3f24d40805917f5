package com.followthrough.process;

import static com.followthrough.communication.MessageKind.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.RefusedEntryException;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * "Anna will answer you by ..." (messageReceived) is a promise with a timer (issue 12, item 2): when answerDueAt
 * passes with the message unanswered, a supervisor answers or hands the answer to a colleague, the choice is
 * recorded, and the customer gets exactly one answer. Supervisors who leave it for one update interval of the plan's
 * working time bring in the administrators, who may answer the customer themselves; the supervisors' task stays open.
 */
@ProcessTest
class AnswerPromiseProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired IdentityService identityService;
    @Autowired CaseDeadlines deadlines;
    @Autowired CustomerTimes times;

    private CaseDriver customerWroteIn() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).timePasses(Duration.ofMinutes(30)).customerWrites("Is the refund on its way?");
    }

    private CaseDriver answerIsLate() {
        CaseDriver c = customerWroteIn();
        Date answerDue = c.task("Task_AnswerCustomerMessage").getDueDate();
        assertThat(c.timerDueDate("Event_AnswerDue")).isEqualTo(answerDue);
        return c.timeIs(answerDue).timerFires("Event_AnswerDue");
    }

    private static long replies(CaseDriver c) {
        return c.messagesSent().stream().filter(kind -> kind == MESSAGE_REPLY).count();
    }

    @Test
    void anAnswerOnTimeNeedsNoSupervisor() {
        CaseDriver c = customerWroteIn().timePasses(Duration.ofHours(1))
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes, it left today."));

        assertThat(c.instance).hasPassed("EndEvent_CustomerAnswered").hasNotPassed("Task_AnswerCustomerMessageAsSupervisor");
        assertThat(c.hasTimer("Event_AnswerDue")).isFalse();
        assertThat(replies(c)).isEqualTo(1);
    }

    /**
     * A second message's answer starts empty: Tasklist fills a form's fields from the case's variables of the same
     * name, so it opened with the last answer sent, which the customer would get again if submitted as it was (and
     * which passed the refusal of a blank answer).
     */
    @Test
    void aSecondMessageIsAnsweredOnAnEmptyFormNotWithTheLastAnswer() {
        CaseDriver c = customerWroteIn().timePasses(Duration.ofHours(1))
                .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Yes, it left today."))
                .timePasses(Duration.ofHours(1)).customerWrites("And the overdraft fee?");

        Task second = c.task("Task_AnswerCustomerMessage");
        assertThat(engine.getFormService().getTaskFormVariables(second.getId()).getValue("replyText", String.class))
                .as("the second answer starts empty").isNullOrEmpty();

        engine.getFormService().submitTaskForm(second.getId(), Map.of("replyText", "The fee comes back too."));
        c.runAsyncSteps();
        assertThat(c.messages()).filteredOn(message -> message.kind() == MESSAGE_REPLY)
                .extracting(CustomerMessage::body).hasSize(2).last().asString().contains("The fee comes back too.");
    }

    @Test
    void aLateAnswerBringsInASupervisorWhileTheOwnerCanStillAnswer() {
        CaseDriver c = answerIsLate();

        assertThat(c.task("Task_AnswerCustomerMessageAsSupervisor")).hasCandidateGroup("supervisors")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("anna");

        c.complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Sorry for the wait: yes, it left today."));

        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                .doesNotContain("Task_AnswerCustomerMessage", "Task_AnswerCustomerMessageAsSupervisor");
        assertThat(replies(c)).isEqualTo(1);
    }

    @Test
    void theSupervisorAnswersAndTheCustomerGetsExactlyOneAnswer() {
        CaseDriver c = answerIsLate().timePasses(Duration.ofMinutes(10)).complete("Task_AnswerCustomerMessageAsSupervisor",
                "maria", Map.of("whoAnswers", "myself", "replyText", "I checked myself: the refund left today."));

        assertThat(c.instance).hasPassed("Task_SendSupervisorAnswer", "EndEvent_AnsweredBySupervisor");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).doesNotContain("Task_AnswerCustomerMessage");
        assertThat(replies(c)).isEqualTo(1);
        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_REPLY).singleElement()
                .extracting(CustomerMessage::body).asString().contains("I checked myself: the refund left today.");
        assertThat(c.variable("answerTakenOverBy")).isEqualTo("maria");
        assertThat(c.variable("whoAnswers")).isEqualTo("myself");
    }

    @Test
    void theSupervisorHandsTheAnswerToAColleagueWhoAnswersOnce() {
        CaseDriver late = answerIsLate();
        // Ben joins the team after the supervisor's task was created: the form offers the team as it is when opened.
        CaseDriver.joins(engine, "ben", "Ben", "Hughes", "agents-en");
        try {
            CaseDriver c = late.complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                    Map.of("whoAnswers", "colleague", "colleague", "ben"));

            assertThat(c.instance).hasPassed("Gateway_WhoAnswers").isWaitingAt("Event_ColleagueAnswerDue");
            assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("ben");
            assertThat(c.variable("answerHandedTo")).isEqualTo("ben");
            assertThat(c.variable("answerTakenOverBy")).isEqualTo("maria");

            c.complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Ben here: the refund left today."));
            assertThat(replies(c)).isEqualTo(1);
        } finally {
            identityService.deleteUser("ben");
        }
    }

    /**
     * The colleague a supervisor hands the late answer to reads, in the case header, that the time the customer was
     * given passed unanswered and by when they answer now: it read only that time, long past, as "**overdue**".
     */
    @Test
    void theColleaguesHeaderSaysTheAnswerLateAndByWhenTheyAnswer() {
        CaseDriver late = answerIsLate();
        Date told = late.task("Task_AnswerCustomerMessage").getDueDate();
        CaseDriver.joins(engine, "ben", "Ben", "Hughes", "agents-en");
        try {
            CaseDriver c = late.timePasses(Duration.ofMinutes(10)).complete("Task_AnswerCustomerMessageAsSupervisor",
                    "maria", Map.of("whoAnswers", "colleague", "colleague", "ben"));
            Task answer = c.task("Task_AnswerCustomerMessage");
            String handedOver = "- **Answer the customer's message:** by " + times.forTeam(told)
                    + " · missed · handed over: answer by " + times.forTeam(answer.getDueDate());

            assertThat(answerLine(answer)).isEqualTo(handedOver);

            c.timeIs(answer.getDueDate()).timePasses(Duration.ofMinutes(1));

            assertThat(answerLine(c.task("Task_AnswerCustomerMessage"))).isEqualTo(handedOver + " · **overdue**");
        } finally {
            identityService.deleteUser("ben");
        }
    }

    /** The header's line of the answer's deadline on the task's form. */
    private String answerLine(Task task) {
        return engine.getFormService().getTaskFormVariables(task.getId()).getValue("caseHeader", String.class)
                .lines().filter(line -> line.startsWith("- **Answer the customer's message")).findFirst().orElseThrow();
    }

    @Test
    void aColleagueOutsideTheCasesTeamIsRefusedAndNothingChanges() {
        CaseDriver c = answerIsLate();
        String supervisorTask = c.claim("Task_AnswerCustomerMessageAsSupervisor", "maria");

        assertThatThrownBy(() -> engine.getTaskService().complete(supervisorTask,
                Map.of("whoAnswers", "colleague", "colleague", "sam")))
                .isInstanceOf(RefusedEntryException.class).hasMessageContaining("colleague: sam is not in the case's team");

        assertThat(c.task("Task_AnswerCustomerMessageAsSupervisor").getId()).isEqualTo(supervisorTask);
        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("anna");
    }

    @Test
    void aColleagueWhoDoesNotAnswerEitherBringsInTheSupervisorsAgain() {
        CaseDriver late = answerIsLate();
        CaseDriver.joins(engine, "ben", "Ben", "Hughes", "agents-en");
        try {
            CaseDriver c = late.complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                    Map.of("whoAnswers", "colleague", "colleague", "ben"));
            Task handed = c.task("Task_AnswerCustomerMessage");
            assertThat(handed).isAssignedTo("ben");
            assertThat(handed.getDueDate()).as("due ahead, not at the time told that has passed")
                    .isAfter(Date.from(CaseDriver.now()));
            assertThat(c.timerDueDate("Event_ColleagueAnswerDue")).isEqualTo(handed.getDueDate());
            assertThat(handed.getFollowUpDate()).as("about to breach the new time, not since the one that passed")
                    .isAfter(Date.from(CaseDriver.now())).isBefore(handed.getDueDate());

            c.timeIs(handed.getDueDate()).dueTimersFire();

            assertThat(c.task("Task_AnswerCustomerMessageAsSupervisor")).hasCandidateGroup("supervisors");
            assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("ben");
            c.complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                    Map.of("whoAnswers", "myself", "replyText", "Ben is out; I checked: the refund left today."));
            assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                    .doesNotContain("Task_AnswerCustomerMessage", "Task_AnswerCustomerMessageAsSupervisor");
            assertThat(replies(c)).isEqualTo(1);
        } finally {
            identityService.deleteUser("ben");
        }
    }

    @Test
    void aColleagueWhoAnswersInTimeIsChasedByNobody() {
        CaseDriver late = answerIsLate();
        CaseDriver.joins(engine, "ben", "Ben", "Hughes", "agents-en");
        try {
            CaseDriver c = late.complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                    Map.of("whoAnswers", "colleague", "colleague", "ben"))
                    .timePasses(Duration.ofMinutes(15))
                    .complete("Task_AnswerCustomerMessage", null, Map.of("replyText", "Ben here: it left today."));

            assertThat(c.hasTimer("Event_ColleagueAnswerDue")).isFalse();
            assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey())
                    .doesNotContain("Task_AnswerCustomerMessageAsSupervisor");
            assertThat(replies(c)).isEqualTo(1);
        } finally {
            identityService.deleteUser("ben");
        }
    }

    @Test
    void supervisorsWhoDoNotAnswerInTimeBringInTheAdministratorsWhoseAnswerReachesTheCustomer() {
        CaseDriver c = answerIsLate();
        Date window = c.oneUpdateIntervalFromNow(deadlines);
        assertThat(c.timerDueDate("Event_SupervisorAnswerOverdue")).isEqualTo(window);

        c.timeIs(window).timerFires("Event_SupervisorAnswerOverdue");

        assertThat(c.task("Task_AnswerCustomerMessageAtOnce")).hasCandidateGroup("camunda-admin")
                .hasDueDate(Date.from(CaseDriver.now()));
        assertThat(c.task("Task_AnswerCustomerMessageAsSupervisor")).as("the supervisors' task stays open")
                .hasCandidateGroup("supervisors");
        assertThat(c.task("Task_AnswerCustomerMessage")).isAssignedTo("anna");
        assertThat(replies(c)).as("nobody answers in their place").isZero();

        c.complete("Task_AnswerCustomerMessageAtOnce", "admin",
                Map.of("replyText", "I am the team lead: the refund left today, sorry for the wait."));

        assertThat(c.instance).hasPassed("Task_SendAdministratorAnswer", "EndEvent_AnsweredByAdministrator");
        assertThat(c.openTasks()).extracting(t -> t.getTaskDefinitionKey()).as("the answer ends the message")
                .doesNotContain("Task_AnswerCustomerMessage", "Task_AnswerCustomerMessageAsSupervisor");
        assertThat(c.hasTimer("Event_AnswerDue")).isFalse();
        assertThat(c.messages()).filteredOn(m -> m.kind() == MESSAGE_REPLY).singleElement()
                .extracting(CustomerMessage::body).asString().contains("the refund left today, sorry for the wait.");
        assertThat(c.variable("answerTakenOverBy")).isEqualTo("admin");
    }

    @Test
    void anAdministratorMustWriteTheAnswerAndNothingChangesWithoutIt() {
        CaseDriver c = answerIsLate();
        c.timeIs(c.oneUpdateIntervalFromNow(deadlines)).timerFires("Event_SupervisorAnswerOverdue");
        String atOnce = c.claim("Task_AnswerCustomerMessageAtOnce", "admin");

        assertThatThrownBy(() -> engine.getTaskService().complete(atOnce, Map.of("replyText", " ")))
                .isInstanceOf(RefusedEntryException.class).hasMessageContaining("replyText");

        assertThat(c.task("Task_AnswerCustomerMessageAtOnce").getId()).isEqualTo(atOnce);
        assertThat(replies(c)).isZero();
    }

    @Test
    void supervisorsWhoAnswerInTimeBringInNoAdministrator() {
        CaseDriver c = answerIsLate();
        assertThat(c.hasTimer("Event_SupervisorAnswerOverdue")).isTrue();

        c.timePasses(Duration.ofMinutes(10)).complete("Task_AnswerCustomerMessageAsSupervisor", "maria",
                Map.of("whoAnswers", "myself", "replyText", "I checked myself: the refund left today."));

        assertThat(c.hasTimer("Event_SupervisorAnswerOverdue")).isFalse();
        assertThat(c.instance).hasNotPassed("Task_AnswerCustomerMessageAtOnce");
    }
}
