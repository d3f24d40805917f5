package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * An agent opens the History tab of a task she took from her team's queue, in a real browser: it shows that she
 * claimed it, when and as whom. It showed agents nothing of the task's operation log (access.OperationLogOfTasks).
 */
@FollowThroughSpringTest
class TaskHistoryInTasklistTest {

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void anAgentSeesInTheHistoryTabThatSheClaimedTheTask() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        Task listen = c.task("Task_ListenToCustomer");

        tasklist.logInAs("anna");
        tasklist.openFilter(TasklistFilters.TEAM_QUEUE).searchCase(c.reference);
        tasklist.openTask(listen.getName(), listen.getId()).claim();
        openTab("History");
        // Each entry of the tab: who (operation-user), and the operation's name as its heading.
        List<String> entries = new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20)).until(d -> {
            List<String> shown = d.findElements(By.cssSelector(".task-details .history-pane .instant")).stream()
                    .map(entry -> entry.findElement(By.cssSelector(".operation-user")).getText().trim() + ": "
                            + entry.findElement(By.cssSelector(".operation-detail h4")).getText().trim())
                    .toList();
            return shown.isEmpty() ? null : shown;
        });
        tasklist.screenshot("history-tab");

        assertThat(entries).contains("anna: Claim");
    }

    private void openTab(String label) {
        WebElement tab = new WebDriverWait(tasklist.driver(), Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector(".task-details .nav-tabs a")).stream()
                        .filter(a -> a.getText().trim().equalsIgnoreCase(label)).findFirst().orElse(null));
        tab.click();
    }
}
