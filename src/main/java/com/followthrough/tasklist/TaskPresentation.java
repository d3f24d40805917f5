package com.followthrough.tasklist;

import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.followthrough.CaseVariables;
import com.followthrough.FieldChecks;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.formcheck.TaskForms;
import com.followthrough.organization.ListColumn;
import com.followthrough.organization.People;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.FreshNotes;

/**
 * How a task reads in Tasklist: its name and description in the list ("Call back Jane Doe — SC-2026-000042"), and
 * the case as its form shows it, read-only: deadlines, open promises and the messages so far in readable markdown
 * ({@link CaseContext}) and the colleagues a takeover form offers, computed when the form is read, so they are as
 * fresh as the case and the team when someone opens the task;
 * the shown copies of what people wrote and the list's columns, as task variables.
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
    private final TaskForms forms;
    private final People people;

    public TaskPresentation(CaseContext caseContext, CustomerTimes times, TaskService taskService, TaskForms forms,
                            People people) {
        this.caseContext = caseContext;
        this.times = times;
        this.taskService = taskService;
        this.forms = forms;
        this.people = people;
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
            text.append(FOLLOW_UP).append(times.forTeam(task.getFollowUpDate())).append('.');
        }
        if (!text.isEmpty()) {
            task.setDescription(clip(text.toString().trim(), MAX_DESCRIPTION));
        }
    }

    /** The due time as the description states it ({@link #nameAndDescribe}): "Due Tue 24 Nov, 15:00 CET." */
    private static final Pattern DUE_SAID = Pattern.compile("\\bDue (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [^.]*\\.");

    /**
     * A task whose due date or follow-up date moved (a new resolution date moves the owner's open work, a supervisor
     * hands a late callback over or edits the task in Tasklist) says the new times in its description, which Tasklist
     * shows under its name: the old ones are stale, and a follow-up time long past reads as "late already".
     */
    void keepTimesCurrent(DelegateTask task) {
        String description = task.getDescription();
        if (description == null) {
            return;
        }
        String current = description;
        Matcher said = DUE_SAID.matcher(current);
        if (task.getDueDate() != null && said.find()) {
            current = current.substring(0, said.start()) + "Due " + times.forTeam(task.getDueDate()) + "."
                    + current.substring(said.end());
        }
        current = withFollowUp(current, task.getFollowUpDate());
        if (!current.equals(description)) {
            task.setDescription(clip(current, MAX_DESCRIPTION));
        }
    }

    /** How the description ends when the task has a follow-up date. */
    private static final String FOLLOW_UP = " Follow up from ";

    /**
     * Moves the task's follow-up date to {@code followUp}, and says so in the description, which Tasklist shows under
     * the task's name: the time it said before would be stale. Saved with {@link TaskService#saveTask}.
     */
    public void followUpFrom(Task task, Date followUp) {
        task.setFollowUpDate(followUp);
        task.setDescription(clip(withFollowUp(task.getDescription() == null ? "" : task.getDescription(), followUp),
                MAX_DESCRIPTION));
        taskService.saveTask(task);
    }

    /** The description ending in the follow-up time it has now ("Follow up from …."), or in none without one. */
    private String withFollowUp(String description, Date followUp) {
        int said = description.lastIndexOf(FOLLOW_UP.trim());
        String before = said >= 0 && description.endsWith(".") ? description.substring(0, said) : description;
        return followUp == null ? before.trim() : (before.trim() + FOLLOW_UP + times.forTeam(followUp) + ".").trim();
    }

    /**
     * What people wrote (the customer, or agents quoting them), which the forms' text components show. Tasklist renders
     * those as Markdown, so a form never places the variable itself ({@code {{description}}}) but its shown copy
     * ({@code {{shownDescription}}}, see {@link #shownVariable}), a task variable escaped by {@link ShownText}: an image
     * or a tag in a description is then shown as typed, and nothing is fetched. A new form's text component follows
     * the same rule; a variable not listed here is listed before a form shows it.
     */
    public static final List<String> SHOWN_TEXTS = List.of(CaseVariable.CUSTOMER_NAME.name(),
            CaseVariable.CUSTOMER_PHONE.name(), CaseVariable.CALLBACK_NUMBER.name(), CaseVariable.SUBJECT.name(),
            CaseVariable.DESCRIPTION.name(), "inboundText", "satisfactionComment", "problemInCustomersWords", "questionsAsked",
            "factsGathered", "diagnosis", "specialistDiagnosis", "nextActions", "resolutionSummary");

    /**
     * The problem in the customer's words starts as the intake's description (Listen is pre-filled with it): shown
     * apart from the description only once someone has put it differently.
     */
    private static String textToShow(DelegateTask task, String variable) {
        String text = CaseVariables.text(task, variable);
        return "problemInCustomersWords".equals(variable) && text.equals(CaseVariable.DESCRIPTION.text(task)) ? "" : text;
    }

    /** {@code description} → {@code shownDescription}. */
    public static String shownVariable(String variable) {
        return "shown" + Character.toUpperCase(variable.charAt(0)) + variable.substring(1);
    }

    /**
     * The texts whose shown copies the task's form places ({@code {{shownInboundText}}}, or a name in a label or a
     * condition): most forms place none, the header quotes the case's texts. A task whose form is not known gets
     * them all, so that nothing a form might show goes missing.
     */
    private static List<String> shownTextsPlacedBy(Optional<Set<String>> namesInForm) {
        return namesInForm
                .map(names -> SHOWN_TEXTS.stream().filter(text -> names.contains(shownVariable(text))).toList())
                .orElse(SHOWN_TEXTS);
    }

    /**
     * The case context as task variables, written when the task is created or (re)assigned: the shown copies of what
     * people wrote that the task's form places ({@link #shownTextsPlacedBy}; a task whose form is not known gets them
     * all) and the list's columns. A variable is written only when it changed. The header and the time zone are not
     * stored: they are computed when the form is read ({@link #contextReadWithTheForm}).
     */
    void writeCaseContext(DelegateTask task) {
        Optional<Set<String>> namesInForm = forms.namesInForm(task);
        Map<String, Object> local = task.getVariablesLocal();
        VariableMap values = Variables.createVariables();
        for (String variable : shownTextsPlacedBy(namesInForm)) {
            values.put(shownVariable(variable), ShownText.markdown(textToShow(task, variable), CaseContext.MAX_TEXT));
        }
        for (ListColumn column : ListColumn.ALL) {
            values.put(column.variable(), column.shown(task));
        }
        VariableMap changed = Variables.createVariables();
        values.forEach((name, value) -> {
            if (!value.equals(local.getOrDefault(name, ""))) {
                changed.putValue(name, value);
            }
        });
        task.setVariablesLocal(changed);
    }

    /**
     * What the task's form shows and nothing else reads, by name, each computed when it is read
     * ({@link CaseTaskForm}): the header every form places ({@link CaseContext#HEADER}), the support
     * team's time zone that a form's time fields are read in ({@value CaseContext#SUPPORT_TIME_ZONE}), and, for a
     * form that offers them, the colleagues who may take over ({@value People#COLLEAGUES}), as the team is now.
     */
    Map<String, Supplier<TypedValue>> readWithTheForm(DelegateTask task) {
        Map<String, Supplier<TypedValue>> values = new LinkedHashMap<>();
        values.put(CaseContext.HEADER, () -> Variables.stringValue(caseContext.headerOf(withoutObjects(task))));
        values.put(CaseContext.SUPPORT_TIME_ZONE, () -> Variables.stringValue(times.supportZoneName()));
        if (forms.namesInForm(task).map(names -> names.contains(People.COLLEAGUES)).orElse(false)) {
            values.put(People.COLLEAGUES, () -> people.colleaguesIn(CaseVariable.TEAM.text(task)));
        }
        return values;
    }

    /**
     * The variables of the task and its case, objects left out and not deserialized: the form's read goes on in this
     * command, where the engine keeps what it has read, and Tasklist asks for the form's Json values as text
     * ({@code deserializeValues=false}: the colleagues' select parses it). The header reads no object.
     */
    private static Map<String, Object> withoutObjects(DelegateTask task) {
        VariableMap typed = task.getVariablesTyped(false);
        Map<String, Object> values = new HashMap<>();
        for (String name : typed.keySet()) {
            TypedValue value = typed.getValueTyped(name);
            if (!(value instanceof SerializableValue)) {
                values.put(name, value.getValue());
            }
        }
        // A note the task asks afresh hides the case's on the form, not in the header (FreshFields).
        for (String field : FreshNotes.FIELDS) {
            if (task.hasVariableLocal(field) && task.getExecution() != null) {
                values.put(field, task.getExecution().getVariable(field));
            }
        }
        return values;
    }

    /**
     * Puts {@code news} at the start of an open task's description, where Tasklist shows it under the task's name,
     * and refreshes the shown copy of {@code shownVariable} that its form reads. Saved with {@link TaskService#saveTask}.
     */
    public void tellOpenTask(Task task, String news, String shownVariable, String text) {
        String description = task.getDescription() == null ? "" : task.getDescription();
        task.setDescription(clip((news.trim() + " " + description).trim(), MAX_DESCRIPTION));
        taskService.saveTask(task);
        taskService.setVariableLocal(task.getId(), shownVariable(shownVariable), ShownText.markdown(text, CaseContext.MAX_TEXT));
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
        return text.length() <= max ? text : FieldChecks.clipped(text, max - 1) + "…";
    }
}
