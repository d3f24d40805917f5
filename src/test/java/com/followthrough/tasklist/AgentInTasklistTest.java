package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.AsyncSteps;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.organization.TasklistFilters;
import com.followthrough.process.CaseDriver;
import com.followthrough.vocabulary.Processes;

/** An agent works a case in Camunda Tasklist, in a real browser, from the start form to the promised callback. */
@FollowThroughSpringTest
class AgentInTasklistTest {

    /**
     * The agent's computer is in New York, six hours behind the support team in Berlin (application.yaml): the
     * callback time she types is Berlin time, as the form says, not her browser's. Behind Berlin, so a day her date
     * picker still offers has begun in Berlin too.
     */
    private static final ZoneId AGENT_ZONE = ZoneId.of("America/New_York");
    private static final ZoneId SUPPORT_ZONE = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    static TasklistBrowser tasklist = new TasklistBrowser(AGENT_ZONE);

    /** How the date fields read and take a date: day first (Tasklist script date-pickers.js), not mm/dd/yyyy. */
    private static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Autowired ProcessEngine engine;

    @BeforeEach
    void realTime() {
        // The browser lives in real time; so must the engine, whatever an earlier test did to its clock.
        ClockUtil.reset();
    }

    @Test
    void englishAgentOpensACaseListensDiagnosesAndPromisesACallbackSheThenFindsInMyCallbacks() {
        tasklist.logInAs("anna");
        assertThat(tasklist.filterNames()).contains(TasklistFilters.MY_TASKS, TasklistFilters.TEAM_QUEUE,
                TasklistFilters.MY_CALLBACKS).doesNotContain(TasklistFilters.OVERDUE_PROMISES);
        tasklist.screenshot("filters");
        tasklist.openFilter(TasklistFilters.MY_TASKS);
        assertThat(tasklist.sortedBy("Priority")).as("the header of My tasks, sorted by priority, then due date")
                .noneMatch(by -> by.contains("Created"));
        tasklist.openFilter(TasklistFilters.MY_CALLBACKS);
        assertThat(tasklist.sortedBy("Due date")).noneMatch(by -> by.contains("Created") || by.contains("Priority"));

        tasklist.startProcess("Support case")
                .fill("Customer name", "Priya Raman")
                .fill("Customer email", "priya@example.org")
                .fill("Customer phone", "+44 20 7946 0958")
                .choose("Plan", "Premium")
                .choose("Language", "English")
                .choose("Channel", "Phone")
                .choose("Priority", "Urgent")
                .fill("Subject", "Cannot export my invoices")
                .fill("What the customer told you", "The export button spins forever and I need the invoices for my accountant today.");
        tasklist.screenshot("start-form");
        tasklist.start();
        String reference = caseOf("Priya Raman");
        assertThat(tasklist.startedCaseReference()).as("the reference for the caller, at once").isEqualTo(reference);
        // The start form sends the case to the agents of its language ("The case goes to agents who speak it"): the
        // notice said it comes up in "your team queue", which a German case opened by an English agent never did.
        assertThat(tasklist.startedCaseNotice()).as("where the case's first task comes up")
                .contains("in the team queue of the agents who speak the customer's language")
                .doesNotContain("your team queue");
        tasklist.screenshot("case-started");
        tasklist.closeStartedCaseNotice();
        AsyncSteps.runFor(engine, reference);

        tasklist.openFilter(TasklistFilters.TEAM_QUEUE).searchCase(reference).openTask("Listen to Priya Raman — " + reference, taskOf(reference, "Task_ListenToCustomer"));
        tasklist.screenshot("listen-unclaimed");
        tasklist.claim().unclaim();
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskOf(reference, "Task_ListenToCustomer"))
                .singleResult().getAssignee()).as("taken by mistake, given back to the team queue").isNull();
        tasklist.claim().waitForText("Case " + reference).waitForText("The export button spins forever");
        tasklist.fill("The problem, in the customer's words", "Export of invoices never finishes")
                .fill("Questions you asked", "Which browser? Since when? Which invoices?")
                .fill("Facts gathered", "Since yesterday; Firefox and Chrome; all invoices of October")
                .choose("How does the customer want to be contacted?", "Phone call")
                .choose("Did you speak to the customer?", "Yes, I spoke with the customer");
        tasklist.screenshot("listen-form");
        tasklist.complete();
        AsyncSteps.runFor(engine, reference);

        tasklist.openFilter(TasklistFilters.MY_TASKS).searchCase(reference).openTask("Diagnose: Cannot export my invoices — " + reference, taskOf(reference, "Task_DiagnoseProblem"))
                .waitForText("Export of invoices never finishes")
                .fill("Diagnosis", "The export times out for more than 100 invoices")
                .choose("Who is at fault?", "Our company (our product, service or a mistake on our side)")
                .choose("Where does the case stand?", "I know the answer, but it is not fixed yet");
        tasklist.screenshot("diagnose-form");
        tasklist.complete();
        AsyncSteps.runFor(engine, reference);

        String callbackDate = LocalDate.now(AGENT_ZONE).plusDays(2).format(FORM_DATE);
        tasklist.openFilter(TasklistFilters.MY_TASKS).searchCase(reference).openTask("Promise Priya Raman a callback — " + reference, taskOf(reference, "Task_PromiseCallback"))
                .waitForText("The export times out for more than 100 invoices")
                .waitForText("in the support team's time zone Europe/Berlin (CE")
                .fill("Your next actions", "I will ask our developers to export your October invoices for you.")
                .fill("Callback date", LocalDate.now(AGENT_ZONE).minusDays(1).format(FORM_DATE))
                .fill("Callback time", "10:00")
                .fill("Number you will call", "+44 20 7946 0958");
        // The date picker does not take a day that has passed: the date is gone and the promise cannot be completed.
        assertThat(tasklist.formErrors()).contains("Field is required.");
        assertThat(tasklist.valueOf("Callback date")).isEmpty();
        assertThat(tasklist.isEnabled("Complete")).isFalse();
        tasklist.screenshot("promise-on-a-past-day-refused");

        // Earlier today is a day the picker takes; the server refuses the time and the reason stays in view.
        tasklist.fill("Callback date", LocalDate.now(AGENT_ZONE).format(FORM_DATE))
                .fill("Callback time", "00:00")
                .fill("Number you will call", "+44 20 7946 0958");
        tasklist.submit("Complete");
        assertThat(tasklist.refusal()).contains("has already passed", "Pick a time from now on")
                .doesNotContain("Cannot submit task form", "Close");
        assertThat(taskOf(reference, "Task_PromiseCallback")).as("the promise is still to be made").isNotNull();
        tasklist.screenshot("promise-earlier-today-refused-with-the-reason");

        // The time agreed with the customer, to the minute: form-js used to round it down to a quarter hour (10:30).
        tasklist.fill("Callback date", callbackDate)
                .fill("Callback time", "10:40")
                .fill("Number you will call", "+44 20 7946 0958");
        assertThat(tasklist.valueOf("Callback time")).as("the time typed, once the field is left").isEqualTo("10:40");
        tasklist.screenshot("promise-form");
        tasklist.complete();
        AsyncSteps.runFor(engine, reference);

        String callback = taskOf(reference, "Task_CallCustomerBack");
        assertThat(engine.getTaskService().createTaskQuery().taskId(callback).singleResult().getDueDate().toInstant()
                .atZone(SUPPORT_ZONE).toLocalDateTime())
                .as("the day typed as %s, day first, and 10:40 in the support zone the form names", callbackDate)
                .isEqualTo(LocalDate.now(AGENT_ZONE).plusDays(2).atTime(10, 40));
        tasklist.openFilter(TasklistFilters.MY_CALLBACKS).searchCase(reference).openTask("Call back Priya Raman — " + reference, callback)
                .waitForText("Case " + reference).waitForText("I will ask our developers to export your October invoices")
                .waitForText("Call Priya Raman on +44 20 7946 0958");
        tasklist.screenshot("my-callbacks");
    }

    @Test
    void germanAgentFindsTheGermanCaseInHisTeamQueueButNeverTheEnglishOne() {
        String english = openCase(Map.of("customerName", "Oliver Bennett", "language", "en", "priority", "urgent"));
        String german = openCase(Map.of("customerName", "Lena Vogel", "language", "de", "priority", "urgent",
                "subject", "Rechnung doppelt abgebucht"));

        tasklist.logInAs("jonas").openFilter(TasklistFilters.TEAM_QUEUE).searchCase(english);
        assertThat(tasklist.hasTaskCard(taskOf(english, "Task_ListenToCustomer"))).as("the English case in jonas's queue").isFalse();
        tasklist.openFilter(TasklistFilters.TEAM_QUEUE).searchCase(german);
        assertThat(tasklist.taskCard(taskOf(german, "Task_ListenToCustomer")).getText())
                .as("the case an agent sees beside the task's name")
                .contains(german, "Customer:", "Lena Vogel", "Plan, language:", "Premium · German");
        tasklist.screenshot("team-queue-de");

        tasklist.openTask("Listen to Lena Vogel — " + german, taskOf(german, "Task_ListenToCustomer"))
                .claim().waitForText("Case " + german).waitForText("Lena Vogel");
        tasklist.screenshot("listen-de");
    }

    private String openCase(Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.putAll(overrides);
        String reference = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, variables).getBusinessKey();
        AsyncSteps.runFor(engine, reference);
        return reference;
    }

    private String caseOf(String customerName) {
        List<ProcessInstance> cases = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).variableValueEquals("customerName", customerName).list();
        assertThat(cases).as("cases of %s", customerName).hasSize(1);
        return cases.get(0).getBusinessKey();
    }

    private String taskOf(String reference, String taskDefinitionKey) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(taskDefinitionKey).list();
        assertThat(tasks).as("open tasks %s of case %s", taskDefinitionKey, reference).hasSize(1);
        return tasks.get(0).getId();
    }
}
