package com.followthrough.organization;

import static com.followthrough.organization.SupportGroups.AGENTS;
import static com.followthrough.organization.SupportGroups.SPECIALISTS;
import static com.followthrough.organization.SupportGroups.SUPERVISORS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.Processes;

/**
 * The Tasklist filters of the organization and which groups may use them, in every profile. Identified by name: a
 * restart updates an existing filter to the definition below instead of adding a second one.
 */
@Component
public class TasklistFilters {

    public static final String MY_TASKS = "My tasks";
    public static final String TEAM_QUEUE = "Team queue (language)";
    public static final String SUPERVISOR_QUEUE = "Supervisor queue";
    public static final String ADMINISTRATOR_QUEUE = "Administrator queue";
    public static final String MY_CALLBACKS = "My callbacks (due first)";
    public static final String OVERDUE_PROMISES = "Overdue promises";
    public static final String SPECIALIST_QUEUE = "Specialist queue";
    public static final String APPROVALS = "Approvals";
    public static final String LAST_CHANCES = "Last chances";
    public static final String ABOUT_TO_BREACH = "About to breach";
    public static final String ABOUT_TO_BREACH_ALL = "About to breach (everyone)";

    static final String[] CALLBACK_TASKS = Processes.CALLBACK_TASKS.toArray(String[]::new);
    static final String[] PROMISE_TASKS = Stream.concat(Processes.CALLBACK_TASKS.stream(),
            Stream.of(Processes.KEEP_PROMISE_AT_RISK)).toArray(String[]::new);
    static final String APPROVAL_TASK = "Task_ApproveReimbursement";

    /** The case shown on every task in the list: the columns every task carries (see {@link ListColumn}). */
    static final List<Map<String, String>> CASE_VARIABLES = ListColumn.ALL.stream()
            .map(column -> Map.of("name", column.variable(), "label", column.label())).toList();

    /** A filter; {@code formerNames} are names it had in earlier versions, renamed on start instead of duplicated. */
    record TaskFilter(String name, int priority, String description, TaskQuery query, List<String> readers,
                      String... formerNames) {
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final AuthorizationGrants grants;

    public TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationGrants grants) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.grants = grants;
    }

    public void create() {
        filters().forEach(this::save);
    }

    List<TaskFilter> filters() {
        return List.of(
                new TaskFilter(MY_TASKS, -10, "Tasks assigned to me",
                        tasks().taskAssigneeExpression("${currentUser()}")
                                .orderByTaskPriority().desc().orderByDueDate().asc(),
                        List.of(AGENTS, SPECIALISTS, SUPERVISORS)),
                new TaskFilter(TEAM_QUEUE, -5, "Unclaimed tasks of my language team",
                        tasks().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
                                .orderByTaskPriority().desc().orderByTaskCreateTime().asc(),
                        List.of(AGENTS), "Team queue"),
                new TaskFilter(SUPERVISOR_QUEUE, -5, "Unclaimed tasks for supervisors: work past its deadline "
                        + "(first responses, answers, replies, specialist advice, resolution dates, arrangements, "
                        + "promises at risk, new times for a call, survey comments), approvals, someone who knows "
                        + "when the specialist does "
                        + "not, customers who could not be reached, discount offers to trace, last chances",
                        tasks().taskCandidateGroup(SUPERVISORS).taskUnassigned()
                                .orderByTaskPriority().desc().orderByDueDate().asc(),
                        List.of(SUPERVISORS)),
                new TaskFilter(ADMINISTRATOR_QUEUE, -6, "Unclaimed tasks for administrators: supervisors' work left "
                        + "undone past its window, a supervisor's own late callback, decisions and payments past the "
                        + "date the customer was told", tasks().taskCandidateGroup(SupportGroups.CAMUNDA_ADMIN)
                                .taskUnassigned().orderByDueDate().asc().orderByTaskCreateTime().asc(),
                        List.of(SupportGroups.CAMUNDA_ADMIN)),
                new TaskFilter(MY_CALLBACKS, -4, "Customers I promised to call back, the one due first on top",
                        tasks().taskAssigneeExpression("${currentUser()}").taskDefinitionKeyIn(CALLBACK_TASKS)
                                .orderByDueDate().asc(),
                        List.of(AGENTS, SUPERVISORS), "My callbacks"),
                new TaskFilter(OVERDUE_PROMISES, -3, "Callbacks and promises at risk that are past due",
                        tasks().taskDefinitionKeyIn(PROMISE_TASKS).dueBeforeExpression("${now()}")
                                .orderByDueDate().asc(),
                        List.of(SUPERVISORS)),
                new TaskFilter(SPECIALIST_QUEUE, -2, "Unclaimed tasks for specialists",
                        tasks().taskCandidateGroup(SPECIALISTS)
                                .orderByTaskPriority().desc().orderByTaskCreateTime().asc(),
                        List.of(SPECIALISTS, SUPERVISORS)),
                new TaskFilter(APPROVALS, -1, "Reimbursements above an agent's authority, on a deadline, soonest first",
                        tasks().taskDefinitionKey(APPROVAL_TASK).orderByDueDate().asc(),
                        List.of(SUPERVISORS)),
                new TaskFilter(ABOUT_TO_BREACH, -9, "My tasks past their breach warning and not yet due, due first",
                        aboutToBreach().taskAssigneeExpression("${currentUser()}"),
                        List.of(AGENTS, SPECIALISTS, SUPERVISORS)),
                new TaskFilter(ABOUT_TO_BREACH_ALL, -8, "Everyone's tasks past their breach warning and not yet due, due first",
                        aboutToBreach(),
                        List.of(SUPERVISORS)),
                new TaskFilter(LAST_CHANCES, 0, "Customers to call after a poor rating, a broken promise or a missed "
                        + "guarantee, soonest first",
                        tasks().taskDefinitionKey("Task_CallForALastChance").orderByDueDate().asc(),
                        List.of(SUPERVISORS)));
    }

    private Filter named(String name) {
        return filterService.createFilterQuery().filterResourceType(EntityTypes.TASK).filterName(name).singleResult();
    }

    /**
     * The follow-up date has passed and the due date has not: a task carrying a service level past its warning share
     * ({@code BreachWarnings}), or any task whose follow-up time has come while it can still be done in time.
     */
    private TaskQuery aboutToBreach() {
        return tasks().followUpBeforeExpression("${now()}").dueAfterExpression("${now()}").orderByDueDate().asc();
    }

    private TaskQuery tasks() {
        return taskService.createTaskQuery();
    }

    private void save(TaskFilter taskFilter) {
        Filter filter = named(taskFilter.name());
        for (int i = 0; filter == null && i < taskFilter.formerNames().length; i++) {
            filter = named(taskFilter.formerNames()[i]);
        }
        if (filter == null) {
            filter = filterService.newTaskFilter(taskFilter.name());
        }
        filter.setName(taskFilter.name());
        filter.setProperties(Map.<String, Object>of(
                "priority", taskFilter.priority(),
                "description", taskFilter.description(),
                "variables", CASE_VARIABLES));
        filter.setQuery(taskFilter.query());
        filter = filterService.saveFilter(filter);
        for (String group : taskFilter.readers()) {
            grants.grant(group, FILTER, filter.getId(), READ);
        }
    }
}
