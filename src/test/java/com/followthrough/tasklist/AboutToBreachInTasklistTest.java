package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Warned before a breach, in a real browser (issue 15, item 5): an agent finds her answer to a customer's message in
 * "About to breach" once three quarters of its next-reply target have passed, before it is due; a supervisor finds
 * it in "About to breach (everyone)".
 */
@FollowThroughSpringTest
class AboutToBreachInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void anAgentSeesHerAnswerInAboutToBreachAfterThreeQuartersOfItsTarget() {
        // Enterprise, normal, email: next reply within two hours, around the clock. The customer wrote 100 minutes
        // ago (test-only clock control): the answer is due in 20 minutes, its warning came 10 minutes ago. On the
        // minute, as deadlines are counted.
        Instant wrote = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(100));
        ClockUtil.setCurrentTime(Date.from(wrote.minus(Duration.ofMinutes(10))));
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("plan", "enterprise");
        variables.put("customerName", "Lena Vogt");
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, variables).listen("anna", Map.of())
                .timeIs(Date.from(wrote)).customerWrites("Is the second debit reversed too?");
        Task answer = c.task("Task_AnswerCustomerMessage");
        assertThat(answer.getFollowUpDate()).isEqualTo(Date.from(wrote.plus(Duration.ofMinutes(90))));
        ClockUtil.reset();

        tasklist.logInAs("anna");
        assertThat(tasklist.filterNames()).contains(TasklistFilters.ABOUT_TO_BREACH)
                .doesNotContain(TasklistFilters.ABOUT_TO_BREACH_ALL);
        tasklist.openFilter(TasklistFilters.ABOUT_TO_BREACH).searchCase(c.reference);
        tasklist.taskCard(answer.getId());
        tasklist.screenshot("about-to-breach");
        tasklist.openTask("Answer Lena Vogt — " + c.reference, answer.getId()).waitForText("Case " + c.reference);

        tasklist.logInAs("maria").openFilter(TasklistFilters.ABOUT_TO_BREACH_ALL).searchCase(c.reference);
        tasklist.taskCard(answer.getId());
        tasklist.screenshot("about-to-breach-everyone");
    }
}
