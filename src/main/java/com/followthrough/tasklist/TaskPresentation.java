package com.followthrough.tasklist;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.followthrough.communication.CustomerTimes;

/**
 * How a task reads in Tasklist: its name and description in the list ("Call back Jane Doe — SC-2026-000042"), and
 * the case as its form shows it, read-only: deadlines, open promises and the messages so far, as task variables
 * with readable markdown ({@link CaseContext}). Tasklist shows a Camunda Form only once the task is claimed, and a
 * claim is an assignment, so the context is fresh when the form opens; a message from the customer refreshes it too.
 */
@Service
public class TaskPresentation {

    private static final Logger log = LoggerFactory.getLogger(TaskPresentation.class);

    /** The engine's columns: ACT_RU_TASK.NAME_ and DESCRIPTION_. */
    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 4000;

    private final CaseContext caseContext;
    private final CustomerTimes times;
    private final TaskService taskService;

    public TaskPresentation(CaseContext caseContext, CustomerTimes times, TaskService taskService) {
        this.caseContext = caseContext;
        this.times = times;
        this.taskService = taskService;
    }

    /**
     * Name and description from the task's {@code tasklistName} and {@code tasklistDescription}. A pattern that
     * cannot be evaluated (a model deployed with a variable the case doesn't have) leaves the diagram's label and
     * is logged: the case goes on, and {@code ModelChecks} catches it in the build.
     */
    void nameAndDescribe(DelegateTask task, Expression name, Expression description) {
        String evaluatedName = evaluate(name, task);
        if (!evaluatedName.isBlank()) {
            task.setName(clip(evaluatedName, MAX_NAME));
        }
        StringBuilder text = new StringBuilder(evaluate(description, task));
        if (task.getDueDate() != null) {
            text.append(text.isEmpty() ? "" : " ").append("Due ").append(times.forTeam(task.getDueDate())).append('.');
        }
        if (task.getFollowUpDate() != null) {
            text.append(" Follow up from ").append(times.forTeam(task.getFollowUpDate())).append('.');
        }
        if (!text.isEmpty()) {
            task.setDescription(clip(text.toString().trim(), MAX_DESCRIPTION));
        }
    }

    /** The case context as task variables, read by the forms' context texts. */
    void writeCaseContext(DelegateTask task) {
        CaseContext.Texts texts = caseContext.of(task.getVariables());
        task.setVariableLocal("caseDeadlines", texts.deadlines());
        task.setVariableLocal("caseOpenPromises", texts.openPromises());
        task.setVariableLocal("caseMessagesSoFar", texts.messagesSoFar());
    }

    /**
     * Brings the case context of the case's open tasks up to date, e.g. after the customer wrote in (from the step
     * that attaches the message, in its transaction). The message reaches the case even if a task cannot be
     * refreshed: that is logged, not an error.
     */
    public void refreshOpenTasks(String caseReference) {
        List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(caseReference).list();
        for (Task task : open) {
            try {
                CaseContext.Texts texts = caseContext.of(taskService.getVariables(task.getId()));
                taskService.setVariablesLocal(task.getId(), Map.of("caseDeadlines", texts.deadlines(),
                        "caseOpenPromises", texts.openPromises(), "caseMessagesSoFar", texts.messagesSoFar()));
            } catch (ProcessEngineException e) {
                log.warn("Case {}: the context of task {} was not refreshed: {}", caseReference, task.getId(), e.getMessage());
            }
        }
    }

    private static String evaluate(Expression expression, DelegateTask task) {
        if (expression == null) {
            return "";
        }
        try {
            Object value = expression.getValue(task);
            return value == null ? "" : value.toString().trim();
        } catch (ProcessEngineException e) {
            log.warn("Task {} ({}) keeps its diagram label: '{}' cannot be evaluated: {}", task.getId(),
                    task.getTaskDefinitionKey(), expression.getExpressionText(), e.getMessage());
            return "";
        }
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
