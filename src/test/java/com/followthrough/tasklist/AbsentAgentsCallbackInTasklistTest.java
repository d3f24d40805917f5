package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * W9 in a browser: a supervisor marks an agent absent (PUT /api/agents/{user}/absence, the way the product offers it)
 * and the colleague they named finds the absent agent's callback in "My callbacks", with its case and the time the
 * customer was promised. Theo (absent) and Nora (the colleague) are created here and removed after.
 */
@FollowThroughSpringTest
class AbsentAgentsCallbackInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired IdentityService identityService;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;

    private final AppHttp http;
    private CaseDriver c;

    AbsentAgentsCallbackInTasklistTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

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
        User user = identityService.newUser(id);
        user.setFirstName(first);
        user.setLastName(last);
        user.setPassword(id);
        identityService.saveUser(user);
        identityService.createMembership(id, "agents");
        identityService.createMembership(id, "agents-en");
    }

    @Test
    void aColleagueFindsTheAbsentAgentsCallbackInMyCallbacks() throws Exception {
        c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("theo", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(3));
        Task callback = c.task("Task_CallCustomerBack");
        Date promised = callback.getDueDate();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        HttpResponse<String> marked = http.send(http.request("/api/agents/theo/absence", "maria:maria")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"from": "%s", "to": "%s", "handOverTo": "nora"}""".formatted(
                        now.atOffset(ZoneOffset.UTC), now.plus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC)))));
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);

        tasklist.logInAs("nora").openFilter(TasklistFilters.MY_CALLBACKS).searchCase(c.reference)
                .openTask("Call back Jane Doe — " + c.reference, callback.getId())
                .waitForText("Case " + c.reference).waitForText("How did the callback go?");
        tasklist.screenshot("my-callbacks-of-an-absent-colleague");

        Task now_ = c.task("Task_CallCustomerBack");
        assertThat(now_.getAssignee()).isEqualTo("nora");
        assertThat(now_.getDueDate()).as("the time promised to the customer").isEqualTo(promised);
    }
}
