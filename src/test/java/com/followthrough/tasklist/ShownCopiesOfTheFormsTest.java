package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * A task gets the shown copies of what people wrote that its form places ({@code {{shownInboundText}}}), and only
 * those (issue 16: the copies of all the case's texts on every task were most of what a timer's firing wrote). Every
 * user task of the deployed models is started on its own, in a case whose every text is written, and claimed, as
 * Tasklist opens a form: its {@code shown...} variables are then exactly those its form file places. The header and the
 * support team's time zone are no task variables: every form reads them when it is opened.
 */
@FollowThroughSpringTest
class ShownCopiesOfTheFormsTest {

    private static final Pattern PLACED_COPY = Pattern.compile("\\bshown[A-Z]\\w*");

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;
    private int startedOnTheirOwn;

    @BeforeEach
    void startOnMondayMorning() {
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void everyUserTaskGetsTheShownCopiesItsFormPlacesAndNoOthers() throws IOException {
        Map<String, Object> variables = caseWithEveryTextWritten();
        List<String> findings = new ArrayList<>();
        int tasks = 0;
        for (String process : List.of(Processes.SUPPORT_CASE, Processes.KEEP_PROMISE, Processes.CUSTOMER_FEEDBACK)) {
            ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                    .processDefinitionKey(process).latestVersion().singleResult();
            for (UserTask userTask : engine.getRepositoryService().getBpmnModelInstance(definition.getId())
                    .getModelElementsByType(UserTask.class)) {
                if (userTask.getCamundaFormRef() == null) {
                    continue;
                }
                tasks++;
                Set<String> placed = placedCopies(userTask.getCamundaFormRef());
                Set<String> written;
                try {
                    written = shownCopiesAfterClaim(definition, userTask.getId(), variables);
                } catch (RuntimeException e) {
                    findings.add(process + " " + userTask.getId() + " could not be started on its own: " + e.getMessage());
                    continue;
                }
                if (!written.equals(placed)) {
                    findings.add(process + " " + userTask.getId() + " (" + userTask.getCamundaFormRef() + ".form): places "
                            + placed + ", got " + written);
                }
            }
        }
        assertThat(tasks).as("the user tasks with a Camunda Form in the three models").isGreaterThanOrEqualTo(27);
        assertThat(findings).isEmpty();
    }

    @Test
    void aTaskWhoseFormPlacesNoCopyGetsNoneAndReadsTheHeaderAndTheZoneWithTheForm() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
        Task listen = c.task("Task_ListenToCustomer");

        engine.getTaskService().claim(listen.getId(), "anna");

        assertThat(engine.getTaskService().getVariablesLocal(listen.getId()).keySet())
                .as("listen-to-customer.form places the header only").contains("listCustomer")
                .doesNotContain(CaseContext.HEADER, CaseContext.SUPPORT_TIME_ZONE)
                .noneMatch(name -> name.startsWith("shown"));
        assertThat(engine.getFormService().getTaskFormVariables(listen.getId()))
                .containsKeys(CaseContext.HEADER, CaseContext.SUPPORT_TIME_ZONE);
    }

    /** A case's variables after a promise, with every text whose copy a form may place written, and differently. */
    private Map<String, Object> caseWithEveryTextWritten() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .timePasses(Duration.ofMinutes(10)).listen("anna", Map.of())
                .diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(2));
        String supportCase = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                .processDefinitionKey(Processes.SUPPORT_CASE).singleResult().getId();
        Map<String, Object> variables = new HashMap<>(engine.getRuntimeService().getVariables(supportCase));
        TaskPresentation.SHOWN_TEXTS.forEach(text -> variables.put(text, "What was written as " + text));
        variables.put("rating", 2);
        // The deadlines and groups of the steps this case has not reached, which their tasks' timers and routing read.
        Date tomorrow = Date.from(CaseDriver.now().plus(Duration.ofDays(1)));
        for (String due : List.of("answerDueAt", "approvalDueAt", "arrangementDueAt", "callbackReminderAt",
                "lastChanceDueAt", "specialistAdviceDueAt", "surveyCommentDueAt", "reimbursementDueAt", "callbackDueAt",
                "unreachableDecisionDueAt")) {
            variables.putIfAbsent(due, tomorrow);
        }
        variables.putIfAbsent("approvalGroups", "supervisors");
        variables.putIfAbsent("arrangementGroups", "supervisors");
        return variables;
    }

    /** The {@code shown...} task variables of the task, started on its own in a case with those variables and claimed. */
    private Set<String> shownCopiesAfterClaim(ProcessDefinition definition, String taskId, Map<String, Object> variables) {
        // A case of its own: a case's facts are recorded once per reference.
        String reference = variables.get("caseReference") + "-T" + ++startedOnTheirOwn;
        Map<String, Object> ownCase = new HashMap<>(variables);
        ownCase.put("caseReference", reference);
        ProcessInstance instance = engine.getRuntimeService().createProcessInstanceById(definition.getId())
                .businessKey(reference).setVariables(ownCase)
                .startBeforeActivity(taskId).execute(true, true);
        try {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                    .taskDefinitionKey(taskId).singleResult();
            if (task.getAssignee() == null) {
                engine.getTaskService().claim(task.getId(), "anna");
            }
            return engine.getTaskService().getVariablesLocal(task.getId()).keySet().stream()
                    .filter(name -> name.startsWith("shown"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } finally {
            engine.getRuntimeService().deleteProcessInstance(instance.getId(), "checked its form's copies", true, true, true);
        }
    }

    private static Set<String> placedCopies(String formId) throws IOException {
        Set<String> placed = new TreeSet<>();
        Matcher copy = PLACED_COPY.matcher(Files.readString(Path.of("forms", formId + ".form")));
        while (copy.find()) {
            placed.add(copy.group());
        }
        return placed;
    }
}
