package com.followthrough.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Cockpit after the engine's jobs were closed to all but supervisors, analysts and administrators
 * ({@code access.EngineRestRules}): a designer still reads the models without a failing request, and a supervisor
 * still sees a running case's timers in the instance page's "Jobs" tab.
 */
@FollowThroughSpringTest
class EngineJobsInCockpitTest {

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void designerReadsTheSupportCaseModelAndItsTabsWithoutAnError() {
        cockpit.logInAs("dana").openProcess("Support case");
        assertThat(cockpit.errorNotifications()).as("notifications on the definition page").isEmpty();
        cockpit.screenshot("support-case-definition");
        List<String> tabs = cockpit.definitionTabs();
        for (String tab : tabs) {
            cockpit.openTab(tab);
            assertThat(cockpit.errorNotifications()).as("notifications on the tab '%s' of %s", tab, tabs).isEmpty();
            cockpit.screenshot("tab-" + tab.toLowerCase().replaceAll("[^a-z]+", "-"));
        }
        assertThat(tabs).contains("Job Definitions");
        // The check above sees Cockpit's red notification: here a request that fails.
        cockpit.openRoute("#/process-instance/no-such-case/runtime");
        assertThat(cockpit.errorNotifications()).singleElement().asString().contains("No running process instance");
    }

    @Test
    void supervisorSeesTheTimersOfARunningCaseInItsJobsTab() {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        CaseDriver running = CaseDriver.open(engine, inbox, messages, promises, variables);
        List<Job> timers = engine.getManagementService().createJobQuery()
                .processInstanceId(running.instance.getId()).timers().list();
        assertThat(timers).as("the new case's timers").isNotEmpty();

        cockpit.logInAs("maria").openProcessInstance(running.instance.getId());
        assertThat(cockpit.errorNotifications()).as("notifications on the instance page").isEmpty();
        assertThat(cockpit.definitionTabs()).contains("Jobs");
        cockpit.openTab("Jobs");
        for (Job timer : timers) {
            cockpit.waitForText(timer.getId());
        }
        assertThat(cockpit.errorNotifications()).as("notifications on the tab 'Jobs'").isEmpty();
        cockpit.screenshot("case-jobs");
    }
}
