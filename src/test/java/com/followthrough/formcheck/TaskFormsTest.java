package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A form a designer deploys anew (bound as {@code latest}, as all of ours are) is the one a task's copies are written
 * for from then on: a task created after the deployment, and a task claimed after it, get the copy the new version
 * places; the node does not keep what it read of the old version.
 */
@FollowThroughSpringTest
class TaskFormsTest {

    private static final String PLACES_HEADER = "\"text\": \"{{caseHeader}}\"";

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    @Autowired TaskForms taskForms;
    private String changedForm;

    @BeforeEach
    void startOnMondayMorning() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @AfterEach
    void removeTheChangedForm() {
        ClockUtil.reset();
        if (changedForm != null) {
            engine.getRepositoryService().deleteDeployment(changedForm, true);
            // Deleting a deployment runs no deployer: the other tests of this context must not see the changed form.
            taskForms.forgetAll();
        }
    }

    @Test
    void aFormDeployedAgainWithAnotherCopyGetsItOnTasksCreatedOrClaimedAfter() throws IOException {
        CaseDriver before = open();
        String listenForm = Files.readString(Path.of("forms/listen-to-customer.form"));
        assertThat(listenForm).contains(PLACES_HEADER).doesNotContain("shownSubject");
        assertThat(shown(before.task("Task_ListenToCustomer"))).as("listen-to-customer.form places no copy").isEmpty();

        changedForm = engine.getRepositoryService().createDeployment().name("Listen shows the subject")
                .addString("listen-to-customer.form", listenForm.replace(PLACES_HEADER,
                        "\"text\": \"{{caseHeader}}\\n\\nAbout: {{shownSubject}}\""))
                .deploy().getId();

        CaseDriver after = open();
        assertThat(shown(after.task("Task_ListenToCustomer"))).as("a task created after the deployment")
                .containsExactly("shownSubject");
        Task claimed = before.task("Task_ListenToCustomer");
        engine.getTaskService().claim(claimed.getId(), "anna");
        assertThat(shown(claimed)).as("a task claimed after it, as Tasklist shows the new version").containsExactly("shownSubject");
    }

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
    }

    private java.util.List<String> shown(Task task) {
        return engine.getTaskService().getVariablesLocal(task.getId()).keySet().stream()
                .filter(name -> name.startsWith("shown")).toList();
    }
}
