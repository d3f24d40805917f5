package com.followthrough.casefile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.springframework.stereotype.Service;

import com.followthrough.CaseVariables;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.ResolutionClock;
import com.followthrough.vocabulary.CaseVariable;

/** Puts together the {@link CaseFile} from the engine's history and our message and promise records. */
@Service
public class CaseFiles {

    /** Activity types that only contain the steps a person would name. */
    private static final Set<String> SCOPES = Set.of("subProcess", "eventSubProcess", "callActivity",
            "multiInstanceBody", "processDefinition");

    /**
     * Oldest first; of tasks created in the same millisecond (one step may create several), the one due first,
     * then those without a due date; then by name, and by id so that the order never depends on the database.
     */
    private static final Comparator<Task> OPEN_TASK_ORDER = Comparator.comparing(Task::getCreateTime)
            .thenComparing(Task::getDueDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Task::getName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Task::getId);

    private static final Pattern SURVEY_TOKEN = Pattern.compile("([?&])token=[A-Za-z0-9_-]+");

    private final CaseLookup lookup;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TaskService tasks;
    private final CustomerMessages messages;
    private final Promises promises;
    private final ResolutionClock resolutionClock;

    public CaseFiles(CaseLookup lookup, HistoryService history, RuntimeService runtime, RepositoryService repository,
                     TaskService tasks, CustomerMessages messages, Promises promises, ResolutionClock resolutionClock) {
        this.resolutionClock = resolutionClock;
        this.repository = repository;
        this.lookup = lookup;
        this.history = history;
        this.runtime = runtime;
        this.tasks = tasks;
        this.messages = messages;
        this.promises = promises;
    }

    public CaseFile read(String reference) {
        CaseLookup.FoundCase found = lookup.find(reference);
        Map<String, Object> variables = caseVariables(found.processInstanceId());
        ActivityInstance tree = found.closed() ? null : runtime.getActivityInstance(found.processInstanceId());
        return new CaseFile(reference, found.closed() ? "closed" : "open", stage(tree), currentSteps(found, tree),
                new CaseFile.Customer(CaseVariable.CUSTOMER_NAME.text(variables), CaseVariable.CUSTOMER_EMAIL.text(variables),
                        CaseVariable.CUSTOMER_PHONE.text(variables), CaseVariable.PLAN.text(variables)),
                CaseVariable.LANGUAGE.text(variables), CaseVariable.CHANNEL.text(variables), CaseVariable.PRIORITY.text(variables),
                CaseVariable.SUBJECT.text(variables), CaseVariable.DESCRIPTION.text(variables), nullIfBlank(CaseVariable.OWNER.text(variables)),
                found.openedAt(), found.closedAt(),
                new CaseFile.Deadlines(instant(CaseVariable.FIRST_RESPONSE_DUE_AT.get(variables)),
                        instant(CaseVariable.FIRST_RESPONDED_AT.get(variables)),
                        instant(CaseVariable.RESOLUTION_DUE_AT.get(variables)), instant(CaseVariable.RESOLVED_AT.get(variables))),
                variables.get(ResolutionClock.PAUSED_AT) != null, resolutionClock.pausedMinutes(variables),
                openTasks(reference), promisesOf(reference), messagesOf(reference), reimbursement(variables),
                nullIfBlank(text(variables, "followUpOf")));
    }

    private Map<String, Object> caseVariables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(processInstanceId).disableBinaryFetching().list()) {
            if (processInstanceId.equals(variable.getActivityInstanceId()) && variable.getValue() != null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    /**
     * The steps the case is at, including steps about to run (asynchronous continuations) and those of a callback
     * promise being kept in its own process.
     */
    private List<String> currentSteps(CaseLookup.FoundCase found, ActivityInstance caseTree) {
        if (caseTree == null) {
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        collectSteps(caseTree, steps);
        runtime.createProcessInstanceQuery().superProcessInstanceId(found.processInstanceId()).list().stream()
                .map(child -> runtime.getActivityInstance(child.getId()))
                .filter(Objects::nonNull)
                .forEach(childTree -> collectSteps(childTree, steps));
        return steps.stream().distinct().toList();
    }

    /** The top-level parts of the case process under way, leaving out a message being answered on the side. */
    private String stage(ActivityInstance tree) {
        if (tree == null) {
            return "Closed";
        }
        BpmnModelInstance model = repository.getBpmnModelInstance(tree.getProcessDefinitionId());
        List<String> parts = new ArrayList<>();
        for (ActivityInstance child : tree.getChildActivityInstances()) {
            boolean onTheSide = model.getModelElementById(child.getActivityId()) instanceof SubProcess sub
                    && sub.triggeredByEvent();
            if (!onTheSide && child.getActivityName() != null) {
                parts.add(child.getActivityName());
            }
        }
        for (TransitionInstance waiting : tree.getChildTransitionInstances()) {
            if (waiting.getActivityName() != null) {
                parts.add(waiting.getActivityName());
            }
        }
        return String.join(", ", parts.stream().distinct().toList());
    }

    private static void collectSteps(ActivityInstance scope, List<String> steps) {
        for (ActivityInstance child : scope.getChildActivityInstances()) {
            if (!SCOPES.contains(child.getActivityType()) && child.getActivityName() != null) {
                steps.add(child.getActivityName());
            }
            collectSteps(child, steps);
        }
        for (TransitionInstance waiting : scope.getChildTransitionInstances()) {
            if (waiting.getActivityName() != null) {
                steps.add(waiting.getActivityName());
            }
        }
    }

    /**
     * The open tasks of every process the case runs (the case, a callback kept in KeepPromise, the feedback after it
     * closed), found by their instances: a task query by the reference reads every open task on H2, which keeps the
     * task table first in the join that authorizations make an outer one (issue 16: 7.7 s at 100,000 open cases).
     * In {@link #OPEN_TASK_ORDER}.
     */
    private List<CaseFile.OpenTask> openTasks(String reference) {
        String[] running = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list()
                .stream().filter(instance -> instance.getEndTime() == null).map(HistoricProcessInstance::getId)
                .toArray(String[]::new);
        if (running.length == 0) {
            return List.of();
        }
        return tasks.createTaskQuery().processInstanceIdIn(running).list().stream().sorted(OPEN_TASK_ORDER)
                .map(task -> new CaseFile.OpenTask(task.getName(), task.getTaskDefinitionKey(), task.getAssignee(), instant(task.getDueDate()),
                        instant(task.getFollowUpDate())))
                .toList();
    }

    /** The case's promises, oldest first. */
    public List<CaseFile.PromiseMade> promisesOf(String reference) {
        return promises.ofCase(reference).stream()
                .map(p -> new CaseFile.PromiseMade(p.madeBy(), p.madeAt(), p.dueAt(), p.nextActions(),
                        p.status().name().toLowerCase(), p.fulfilledAt(), p.brokenAt(), p.takenOverBy(),
                        p.takenOverAt(), p.handedTo(), p.handedToTeam()))
                .toList();
    }

    /**
     * The messages as sent, except the survey token: it lets whoever holds it answer for the customer, and readers
     * of the case (the portal, supervisors) are not the customer.
     */
    public List<CaseFile.Message> messagesOf(String reference) {
        return messages.ofCase(reference).stream().map(CaseFiles::asShown).toList();
    }

    /** One message as {@link #messagesOf} shows it. */
    public static CaseFile.Message asShown(CustomerMessage m) {
        return new CaseFile.Message(m.direction().name().toLowerCase(), m.kind().modelName(), m.channel(),
                m.subject(), SURVEY_TOKEN.matcher(m.body()).replaceAll("$1token=(hidden)"), m.createdAt(),
                m.deliveryStatus());
    }

    private static CaseFile.Reimbursement reimbursement(Map<String, Object> variables) {
        String kind = text(variables, "reimbursementKind");
        if (kind.isBlank()) {
            return null;
        }
        return new CaseFile.Reimbursement(kind, decimal(variables.get("reimbursementAmount")),
                nullIfBlank(CaseVariable.APPROVAL_DECISION.text(variables)),
                decimal(variables.get("reimbursementAmountOffered")));
    }

    private static BigDecimal decimal(Object amount) {
        return amount instanceof Number n ? new BigDecimal(n.toString()) : null;
    }

    private static String text(Map<String, Object> variables, String name) {
        return CaseVariables.text(variables, name);
    }

    private static String nullIfBlank(String text) {
        return text.isBlank() ? null : text;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
