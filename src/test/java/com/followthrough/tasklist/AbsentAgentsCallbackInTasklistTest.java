package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.SupportProperties;
import com.followthrough.cockpit.CockpitBrowser;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * W9 in a browser: a supervisor marks an agent absent in Cockpit (*Team workload*, "Mark absent") and the colleague
 * they named finds the absent agent's callback in Tasklist's "My callbacks", with its case and the time the customer
 * was promised. Theo (absent) and Nora (the colleague) are created here and removed after.
 */
@FollowThroughSpringTest
class AbsentAgentsCallbackInTasklistTest {

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser();

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired IdentityService identityService;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;
    @Autowired SupportProperties properties;

    private CaseDriver c;

    @BeforeEach
    void realTimeAndTwoAgents() {
        ClockUtil.reset(); // the browser lives in real time
        agent("theo", "Theo", "Walsh");
        agent("nora", "Nora", "Quinn");
    }

    @AfterEach
    void removeTheCaseAndTheAgents() {
        if (c != null) {
            engine.getRuntimeService().deleteProcessInstance(c.instance.getId(), "test over");
        }
        for (String id : List.of("theo", "nora")) {
            jdbc.sql("DELETE FROM ft_absence WHERE user_id = :id").param("id", id).update();
            identityService.deleteUser(id);
        }
    }

    private void agent(String id, String first, String last) {
        CaseDriver.joinsWithPassword(identityService, id, id, first, last, "agents", "agents-en");
    }

    @Test
    void aColleagueFindsTheAbsentAgentsCallbackInMyCallbacks() throws Exception {
        c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("theo", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        Task callback = c.task("Task_CallCustomerBack");
        Date promised = callback.getDueDate();

        LocalDateTime now = LocalDateTime.now(properties.support().timeZone());
        String saved = cockpit.logInAs("maria").markAbsent("Theo Walsh (theo)", now, now.plusDays(2), "Nora Quinn (nora)");
        String typedFrom = now.format(DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm", Locale.US));
        assertThat(saved).as("the times read back as typed, in the support team's zone")
                .startsWith("Saved: Theo Walsh (theo) is away from " + typedFrom).contains("handed over to nora");
        assertThat(cockpit.absenceShown("theo")).startsWith("away from " + typedFrom).endsWith("work to nora");
        cockpit.screenshot("theo-marked-absent");

        tasklist.logInAs("nora").openFilter(TasklistFilters.MY_CALLBACKS).searchCase(c.reference)
                .openTask("Call back Jane Doe — " + c.reference, callback.getId())
                .waitForText("Case " + c.reference).waitForText("How did the callback go?");
        tasklist.screenshot("my-callbacks-of-an-absent-colleague");

        Task now_ = c.task("Task_CallCustomerBack");
        assertThat(now_.getAssignee()).isEqualTo("nora");
        assertThat(now_.getDueDate()).as("the time promised to the customer").isEqualTo(promised);
    }
}
