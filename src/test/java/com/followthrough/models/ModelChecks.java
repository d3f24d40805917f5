package com.followthrough.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.followthrough.organization.SupportGroups;
import com.followthrough.tasklist.TaskPresentation;

/**
 * What a designer can break in {@code processes/} and {@code forms/} without the engine noticing at
 * deployment: a form that isn't there, a variable read that nothing writes, a message nothing
 * correlates, a timer waiting on a variable nothing sets. Each check returns findings a designer can
 * act on ("SupportCase Gateway_X reads 'foo', which no form, delegate or mapping writes").
 *
 * <p>Writers and readers are collected statically: from the BPMN (mappings, result variables,
 * initiator), from the forms (input fields write their key; text templates read), and from the Java
 * sources (variables set or read by name, or through a typed key of {@code vocabulary.CaseVariable}). Expressions are JUEL; the names they start with are
 * variables unless they are Spring beans named in {@code @Component("...")} or the engine's own.
 */
final class ModelChecks {

    static final String CAMUNDA_NS = BpmnModelConstants.CAMUNDA_NS;

    /** Names an expression may start with that are not process variables. */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "decisionResult",
            "true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge",
            "div", "mod", "instanceof");

    /** Task attributes that hold expressions the engine evaluates against the case's variables. */
    private static final List<String> TASK_EXPRESSION_ATTRIBUTES = List.of("assignee", "candidateGroups",
            "candidateUsers", "dueDate", "followUpDate", "priority");

    /** Extension properties of a user task that say how it reads in Tasklist (see TaskPresentationPlugin). */
    static final List<String> TASKLIST_PROPERTIES = List.of("tasklistName", "tasklistDescription");

    /** The groups a missed deadline escalates to: they hold the authority to keep the promise (W5). */
    static final Set<String> AUTHORITY_GROUPS = Set.of(SupportGroups.SUPERVISORS, SupportGroups.CAMUNDA_ADMIN);

    /**
     * Extension property of a user task naming what backs its due date when no timer brings in someone with
     * authority: a timer event, or the task itself when only people with authority hold it (see docs/designers.md).
     */
    static final String ESCALATION_PROPERTY = "escalation";

    /**
     * Variables that hold a deadline, by our naming: a moment ({@code callbackDueAt}) or a duration the case counts
     * ({@code updateInterval}, {@code callbackRetryWait}, {@code reimbursementApprovalWindow}, {@code quietPeriod},
     * {@code resolutionTarget}).
     */
    static final Pattern DEADLINE_VARIABLE = Pattern.compile("\\w+(At|Interval|Wait|Window|Period|Target)");

    private static final Set<String> FORM_INPUT_TYPES = Set.of("textfield", "textarea", "number", "select",
            "radio", "checkbox", "checklist", "taglist", "datetime");

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern GROUPS_CHOICE =
            Pattern.compile("[$#]\\{[^?]*\\?\\s*'([\\w,-]+)'\\s*:\\s*'([\\w,-]+)'\\s*}");
    private static final Pattern GET_VARIABLE_IN_EXPRESSION = Pattern.compile("getVariable(?:Local)?\\(\\s*'(\\w+)'\\s*\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern ROOT_IDENTIFIER = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*(?:#if\\s+|#unless\\s+|#each\\s+)?([A-Za-z_]\\w*)\\s*}}");

    private static final Pattern JAVA_SET_VARIABLE = Pattern.compile("\\.set(?:Variable|VariableLocal)\\(\\s*\"(\\w+)\"");
    private static final Pattern JAVA_PUT_VALUE = Pattern.compile("\\.putValue(?:Typed)?\\(\\s*\"(\\w+)\"");
    /** A typed value given under its name, e.g. in a correlation's map: {@code "name", Variables.stringValue(text, true)}. */
    private static final Pattern JAVA_NAMED_TYPED_VALUE = Pattern.compile("\"(\\w+)\",\\s*Variables\\.\\w+Value\\(");
    /** The Tasklist list's columns, task variables written on every task (organization.ListColumn). */
    private static final Pattern JAVA_LIST_COLUMN = Pattern.compile("new ListColumn\\(\\s*\"(\\w+)\"");
    /** A form's value computed when it is read (TaskPresentation#readWithTheForm): {@code .put(NAME, () -> ...)}. */
    private static final Pattern JAVA_READ_WITH_THE_FORM =
            Pattern.compile("\\.put\\(\\s*\"(\\w+)\"\\s*,\\s*\\(\\)\\s*->");
    private static final Pattern JAVA_SET_VARIABLES_MAP = Pattern.compile("\\.setVariables(?:Local)?\\(\\s*Map\\.of\\(([^)]*)\\)");
    private static final Pattern JAVA_GET_VARIABLE = Pattern.compile("\\.get(?:Variable|VariableLocal|VariableTyped)\\(\\s*\"(\\w+)\"");
    private static final Pattern JAVA_TEXT_VARIABLE = Pattern.compile("CaseVariables\\.text\\(\\s*\\w+\\s*,\\s*\"(\\w+)\"");
    private static final Pattern JAVA_NAMED_BEAN = Pattern.compile("@(?:Component|Service)\\(\"(\\w+)\"\\)");
    private static final Pattern JAVA_CORRELATION = Pattern.compile(
            "createMessageCorrelation|correlateMessage|startProcessInstanceByMessage|correlateWithResult|correlateAll");

    private final Map<String, BpmnModelInstance> processes = new TreeMap<>();
    private final Map<String, JsonNode> formsById = new TreeMap<>();
    private final Map<String, String> mainSources = new TreeMap<>();
    private final Map<String, String> testSources = new TreeMap<>();
    private CaseVariableKeys caseVariables;

    private ModelChecks() {
    }

    /** Reads {@code processes/}, {@code forms/}, {@code src/main/java} and {@code src/test/java} under a project root. */
    static ModelChecks of(Path projectRoot) {
        ModelChecks checks = new ModelChecks();
        ObjectMapper json = new ObjectMapper();
        for (Path file : files(projectRoot.resolve("processes"), ".bpmn")) {
            checks.processes.put(file.getFileName().toString(), Bpmn.readModelFromFile(file.toFile()));
        }
        for (Path file : files(projectRoot.resolve("forms"), ".form")) {
            try {
                JsonNode form = json.readTree(file.toFile());
                checks.formsById.put(form.path("id").asText(file.getFileName().toString()), form);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files(projectRoot.resolve("src/main/java"), ".java").forEach(f -> checks.mainSources.put(f.toString(), read(f)));
        checks.mainSources.replaceAll(withConstantsSpelledOut(checks.mainSources));
        files(projectRoot.resolve("src/test/java"), ".java").forEach(f -> checks.testSources.put(f.toString(), read(f)));
        Path keys = projectRoot.resolve(CaseVariableKeys.SOURCE);
        checks.caseVariables = CaseVariableKeys.declaredIn(Files.exists(keys) ? read(keys) : null);
        return checks;
    }

    /** Every user task and start event with a form names a Camunda Form that exists in {@code forms/}. */
    List<String> missingForms() {
        List<String> findings = new ArrayList<>();
        for (var model : processes.entrySet()) {
            for (BaseElement element : formElements(model.getValue())) {
                String formRef = element.getAttributeValueNs(CAMUNDA_NS, "formRef");
                String formKey = element.getAttributeValueNs(CAMUNDA_NS, "formKey");
                if (formRef == null && formKey == null) {
                    if (element instanceof UserTask) {
                        findings.add(model.getKey() + " " + element.getId() + " has no form");
                    }
                } else if (formRef == null) {
                    findings.add(model.getKey() + " " + element.getId() + " uses formKey '" + formKey
                            + "'; use a Camunda Form from forms/ (camunda:formRef)");
                } else if (!formsById.containsKey(formRef)) {
                    findings.add(model.getKey() + " " + element.getId() + " uses form '" + formRef
                            + "', but no file in forms/ has that id");
                }
            }
        }
        return findings;
    }

    /**
     * Every user task reads well in Tasklist: a name and a description for the list ({@code tasklistName},
     * {@code tasklistDescription}), a due date and a priority.
     */
    List<String> tasksWithoutTasklistPresentation() {
        List<String> findings = new ArrayList<>();
        for (var model : processes.entrySet()) {
            for (UserTask task : model.getValue().getModelElementsByType(UserTask.class)) {
                String where = model.getKey() + " " + task.getId();
                Map<String, String> properties = camundaProperties(task);
                for (String property : TASKLIST_PROPERTIES) {
                    if (properties.getOrDefault(property, "").isBlank()) {
                        findings.add(where + " has no " + property + " (extension property): the "
                                + (property.equals("tasklistName") ? "name" : "description") + " agents see in Tasklist");
                    }
                }
                if (task.getCamundaDueDate() == null) {
                    findings.add(where + " has no due date");
                }
                if (task.getCamundaPriority() == null) {
                    findings.add(where + " has no priority (use ${taskPriority}, the case priority)");
                }
            }
        }
        return findings;
    }

    private static Map<String, String> camundaProperties(UserTask task) {
        Map<String, String> properties = new TreeMap<>();
        if (task.getExtensionElements() != null) {
            task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                    .flatMap(list -> list.getCamundaProperties().stream())
                    .forEach(p -> properties.put(p.getCamundaName(), p.getCamundaValue()));
        }
        return properties;
    }

    /**
     * Every user task with a due date escalates (issue 12, item 2): a boundary timer on the task, or on an enclosing
     * sub-process whose timer counts to the same deadline (a timer start of an event sub-process there counts too),
     * leads to a user task offered to a group with authority ({@link #AUTHORITY_GROUPS}), directly or through an
     * escalation its path throws. A group named by a variable counts when a step on that path sets the variable to
     * the group. Failing that, the task names what backs its deadline in the extension property {@code escalation}:
     * a timer event of the models, or the task itself when it is offered only to groups with authority.
     */
    List<String> deadlinesWithoutEscalation() {
        List<String> findings = new ArrayList<>();
        for (var model : processes.entrySet()) {
            for (UserTask task : model.getValue().getModelElementsByType(UserTask.class)) {
                if (task.getCamundaDueDate() == null) {
                    continue;
                }
                String where = model.getKey() + " " + task.getId();
                String named = camundaProperties(task).get(ESCALATION_PROPERTY);
                if (named != null) {
                    namedEscalationProblem(task, named).ifPresent(problem -> findings.add(where + " " + problem));
                    continue;
                }
                List<Event> timers = deadlineTimers(task);
                if (timers.isEmpty()) {
                    findings.add(where + " is due at " + task.getCamundaDueDate() + " but no timer escalates it:"
                            + " attach a timer that brings in " + String.join(" or ", new TreeSet<>(AUTHORITY_GROUPS))
                            + ", or name what backs it in the property '" + ESCALATION_PROPERTY + "'");
                } else if (timers.stream().noneMatch(this::leadsToAuthority)) {
                    findings.add(where + " is due at " + task.getCamundaDueDate() + " but its timer "
                            + timers.stream().map(Event::getId).toList() + " brings in nobody with authority ("
                            + String.join(", ", new TreeSet<>(AUTHORITY_GROUPS)) + ")");
                }
            }
        }
        return findings;
    }

    private Optional<String> namedEscalationProblem(UserTask task, String named) {
        if (named.equals(task.getId())) {
            Set<String> groups = literalGroups(task.getCamundaCandidateGroups());
            return !groups.isEmpty() && AUTHORITY_GROUPS.containsAll(groups) && task.getCamundaAssignee() == null
                    ? Optional.empty()
                    : Optional.of("names itself in '" + ESCALATION_PROPERTY + "', but is not offered only to "
                            + String.join(", ", new TreeSet<>(AUTHORITY_GROUPS)));
        }
        for (BpmnModelInstance bpmn : processes.values()) {
            ModelElementInstance element = bpmn.getModelElementById(named);
            if (element instanceof Event event && hasTimer(event)) {
                return Optional.empty();
            }
        }
        return Optional.of("names '" + named + "' in '" + ESCALATION_PROPERTY
                + "', but no model has a timer event with that id");
    }

    /** The timers that count to this task's deadline: on the task, or on an enclosing scope with the same deadline. */
    private List<Event> deadlineTimers(UserTask task) {
        List<Event> timers = new ArrayList<>();
        BpmnModelInstance bpmn = (BpmnModelInstance) task.getModelInstance();
        Set<String> deadline = deadlineVariables(task.getCamundaDueDate());
        for (BoundaryEvent boundary : bpmn.getModelElementsByType(BoundaryEvent.class)) {
            if (hasTimer(boundary) && boundary.getAttachedTo() == task) {
                timers.add(boundary);
            }
        }
        for (ModelElementInstance scope = task.getParentElement(); scope instanceof BaseElement;
             scope = scope.getParentElement()) {
            for (BoundaryEvent boundary : bpmn.getModelElementsByType(BoundaryEvent.class)) {
                if (hasTimer(boundary) && boundary.getAttachedTo() == scope && countsTo(boundary, deadline)) {
                    timers.add(boundary);
                }
            }
            for (SubProcess eventSubProcess : ((BaseElement) scope).getChildElementsByType(SubProcess.class)) {
                if (eventSubProcess.triggeredByEvent()) {
                    eventSubProcess.getChildElementsByType(StartEvent.class).stream()
                            .filter(start -> hasTimer(start) && countsTo(start, deadline)).forEach(timers::add);
                }
            }
        }
        return timers;
    }

    private boolean countsTo(Event timerEvent, Set<String> deadline) {
        Set<String> counted = new TreeSet<>();
        timerEvent.getChildElementsByType(TimerEventDefinition.class)
                .forEach(timer -> counted.addAll(deadlineVariables(timerExpression(timer))));
        counted.retainAll(deadline);
        return !counted.isEmpty();
    }

    private static Set<String> deadlineVariables(String expression) {
        Set<String> variables = expressionVariables(expression);
        variables.removeIf(v -> !DEADLINE_VARIABLE.matcher(v).matches());
        return variables;
    }

    private static boolean hasTimer(Event event) {
        return !event.getChildElementsByType(TimerEventDefinition.class).isEmpty();
    }

    /**
     * Whether the path from a timer reaches, as its first user task, one offered to a group with authority. The path
     * follows sequence flows, from a link's throw to its catch, and into sub-processes.
     */
    private boolean leadsToAuthority(Event timer) {
        Map<String, String> setOnThePath = new TreeMap<>();
        Set<FlowNode> seen = new HashSet<>();
        Deque<FlowNode> next = new ArrayDeque<>(List.of(timer));
        while (!next.isEmpty()) {
            FlowNode node = next.poll();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof UserTask userTask) {
                Set<String> groups = new TreeSet<>(literalGroups(userTask.getCamundaCandidateGroups()));
                for (String variable : expressionVariables(userTask.getCamundaCandidateGroups())) {
                    String onThePath = setOnThePath.get(variable);
                    if (onThePath != null) {
                        groups.addAll(literalGroups(onThePath));
                    } else if (allValuesAreAuthority(userTask, variable)) {
                        groups.addAll(AUTHORITY_GROUPS);
                    }
                }
                if (groups.stream().anyMatch(AUTHORITY_GROUPS::contains)) {
                    return true;
                }
                continue;
            }
            if (node.getExtensionElements() != null) {
                for (CamundaInputOutput mapping : node.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaInputOutput.class).list()) {
                    mapping.getCamundaInputParameters().forEach(p -> literal(p.getTextContent())
                            .ifPresent(value -> setOnThePath.put(p.getCamundaName(), value)));
                    mapping.getCamundaOutputParameters().forEach(p -> literal(p.getTextContent())
                            .ifPresent(value -> setOnThePath.put(p.getCamundaName(), value)));
                }
            }
            node.getOutgoing().forEach(flow -> next.add(flow.getTarget()));
            if (node instanceof SubProcess subProcess && !subProcess.triggeredByEvent()) {
                next.addAll(subProcess.getChildElementsByType(StartEvent.class));
            }
            if (node instanceof IntermediateThrowEvent thrown) {
                next.addAll(linkCatches(thrown));
            }
        }
        return false;
    }

    /** The catch events of the link {@code thrown} throws: in its process, by the link's name. */
    private static List<IntermediateCatchEvent> linkCatches(IntermediateThrowEvent thrown) {
        Set<String> links = thrown.getChildElementsByType(LinkEventDefinition.class).stream()
                .map(LinkEventDefinition::getName).collect(Collectors.toSet());
        Process process = processOf(thrown);
        return links.isEmpty() ? List.of() : thrown.getModelInstance()
                .getModelElementsByType(IntermediateCatchEvent.class).stream()
                .filter(caught -> processOf(caught) == process)
                .filter(caught -> caught.getChildElementsByType(LinkEventDefinition.class).stream()
                        .anyMatch(link -> links.contains(link.getName())))
                .toList();
    }

    /**
     * For a group variable set before the timer's path: whether every literal value any mapping of the task's process
     * gives it is a group with authority (e.g. {@code arrangementGroups}: the supervisors, later the administrators).
     */
    private static boolean allValuesAreAuthority(UserTask task, String variable) {
        Process process = processOf(task);
        List<String> values = new ArrayList<>();
        for (CamundaInputParameter input : task.getModelInstance().getModelElementsByType(CamundaInputParameter.class)) {
            if (variable.equals(input.getCamundaName()) && processOf(input) == process) {
                literal(input.getTextContent()).ifPresent(values::add);
            }
        }
        for (CamundaOutputParameter output : task.getModelInstance().getModelElementsByType(CamundaOutputParameter.class)) {
            if (variable.equals(output.getCamundaName()) && processOf(output) == process) {
                literal(output.getTextContent()).ifPresent(values::add);
            }
        }
        return !values.isEmpty() && values.stream().map(ModelChecks::literalGroups)
                .allMatch(groups -> !groups.isEmpty() && AUTHORITY_GROUPS.containsAll(groups));
    }

    private static Process processOf(ModelElementInstance element) {
        ModelElementInstance parent = element;
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }

    private static Optional<String> literal(String text) {
        return text == null || text.isBlank() || EXPRESSION.matcher(text).find()
                ? Optional.empty() : Optional.of(text.trim());
    }

    /**
     * The groups a task is offered to, when the model names them: a list, or a choice between two lists on one
     * condition ({@code ${cond ? 'camunda-admin' : 'supervisors'}}), which gives both.
     */
    private static Set<String> literalGroups(String candidateGroups) {
        Set<String> groups = new TreeSet<>();
        Matcher choice = candidateGroups == null ? null : GROUPS_CHOICE.matcher(candidateGroups.trim());
        if (choice != null && choice.matches()) {
            groups.addAll(literalGroups(choice.group(1)));
            groups.addAll(literalGroups(choice.group(2)));
        } else if (candidateGroups != null && !EXPRESSION.matcher(candidateGroups).find()) {
            for (String group : candidateGroups.split(",")) {
                if (!group.isBlank()) {
                    groups.add(group.trim());
                }
            }
        }
        return groups;
    }

    /** Every variable a gateway, timer, task, form or delegate reads is written by some form, delegate or mapping. */
    List<String> unwrittenReads() {
        Set<String> written = writtenVariables();
        Set<String> beans = namedBeans();
        List<String> findings = new ArrayList<>();
        reads().forEach((where, variables) -> variables.stream()
                .filter(v -> !written.contains(v) && !beans.contains(v))
                .forEach(v -> findings.add(where + " reads '" + v + "', which no form, delegate or mapping writes")));
        return findings;
    }

    /** Every timer's date, duration or cycle names only variables that some step sets. */
    List<String> timersOnUnsetVariables() {
        Set<String> written = writtenVariables();
        Set<String> beans = namedBeans();
        List<String> findings = new ArrayList<>();
        for (var model : processes.entrySet()) {
            for (TimerEventDefinition timer : model.getValue().getModelElementsByType(TimerEventDefinition.class)) {
                String where = model.getKey() + " " + ((BaseElement) timer.getParentElement()).getId() + " timer";
                String expression = timerExpression(timer);
                if (expression == null) {
                    findings.add(where + " has no date, duration or cycle");
                    continue;
                }
                Set<String> variables = expressionVariables(expression);
                if (variables.isEmpty()) {
                    findings.add(where + " is fixed ('" + expression + "'); take it from a variable the case sets, so plans can differ");
                }
                variables.stream().filter(v -> !written.contains(v) && !beans.contains(v))
                        .forEach(v -> findings.add(where + " waits on '" + v + "', which no step sets"));
            }
        }
        return findings;
    }

    /** Every message a model waits for is correlated by production code (or, failing that, at least by a test). */
    List<String> uncorrelatedMessages() {
        List<String> findings = new ArrayList<>();
        for (var model : processes.entrySet()) {
            for (Message message : model.getValue().getModelElementsByType(Message.class)) {
                String literal = "\"" + message.getName() + "\"";
                if (!correlatedIn(mainSources.values(), literal) && !correlatedIn(testSources.values(), literal)) {
                    findings.add(model.getKey() + " message '" + message.getName()
                            + "' is never correlated by the code or a test, so the case would wait for it forever");
                }
            }
        }
        return findings;
    }

    private static boolean correlatedIn(Collection<String> sources, String literal) {
        return sources.stream().anyMatch(source -> source.contains(literal) && JAVA_CORRELATION.matcher(source).find());
    }

    /** Where each variable is read: "SupportCase Gateway_X" → {diagnosisOutcome}. */
    Map<String, Set<String>> reads() {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (var model : processes.entrySet()) {
            String file = model.getKey();
            BpmnModelInstance bpmn = model.getValue();
            for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
                if (flow.getConditionExpression() != null) {
                    add(reads, file + " " + flow.getSource().getId() + " (condition of " + flow.getId() + ")",
                            expressionVariables(flow.getConditionExpression().getTextContent()));
                }
            }
            for (TimerEventDefinition timer : bpmn.getModelElementsByType(TimerEventDefinition.class)) {
                add(reads, file + " " + ((BaseElement) timer.getParentElement()).getId() + " timer",
                        expressionVariables(timerExpression(timer)));
            }
            for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
                for (String attribute : TASK_EXPRESSION_ATTRIBUTES) {
                    add(reads, file + " " + task.getId() + " " + attribute,
                            expressionVariables(task.getAttributeValueNs(CAMUNDA_NS, attribute)));
                }
                camundaProperties(task).forEach((property, value) -> {
                    if (TASKLIST_PROPERTIES.contains(property)) {
                        add(reads, file + " " + task.getId() + " " + property, expressionVariables(value));
                    }
                });
            }
            for (CamundaInputParameter input : bpmn.getModelElementsByType(CamundaInputParameter.class)) {
                add(reads, file + " " + owner(input).getId() + " input " + input.getCamundaName(),
                        expressionVariables(input.getTextContent()));
            }
            for (CamundaOutputParameter output : bpmn.getModelElementsByType(CamundaOutputParameter.class)) {
                add(reads, file + " " + owner(output).getId() + " output " + output.getCamundaName(),
                        expressionVariables(output.getTextContent()));
            }
            for (BaseElement element : formElements(bpmn)) {
                JsonNode form = formsById.get(element.getAttributeValueNs(CAMUNDA_NS, "formRef"));
                if (form != null) {
                    add(reads, file + " " + element.getId() + " form " + form.path("id").asText(), formReads(form));
                }
            }
        }
        for (var source : mainSources.entrySet()) {
            Set<String> variables = new TreeSet<>(matches(JAVA_GET_VARIABLE, source.getValue()));
            variables.addAll(matches(JAVA_TEXT_VARIABLE, source.getValue()));
            variables.addAll(caseVariables.readIn(source.getValue()));
            add(reads, Path.of(source.getKey()).getFileName().toString(), variables);
        }
        return reads;
    }

    Set<String> writtenVariables() {
        Set<String> written = new TreeSet<>();
        for (BpmnModelInstance bpmn : processes.values()) {
            bpmn.getModelElementsByType(CamundaOutputParameter.class).forEach(p -> written.add(p.getCamundaName()));
            bpmn.getModelElementsByType(CamundaInputParameter.class).forEach(p -> written.add(p.getCamundaName()));
            bpmn.getModelElementsByType(CamundaOut.class).stream().map(CamundaOut::getCamundaTarget)
                    .filter(t -> t != null).forEach(written::add);
            bpmn.getModelElementsByType(CamundaIn.class).stream().map(CamundaIn::getCamundaTarget)
                    .filter(t -> t != null).forEach(written::add);
            bpmn.getModelElementsByType(BusinessRuleTask.class).stream().map(BusinessRuleTask::getCamundaResultVariable)
                    .filter(v -> v != null).forEach(written::add);
            bpmn.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaInitiator)
                    .filter(v -> v != null).forEach(written::add);
        }
        formsById.values().forEach(form -> written.addAll(formWrites(form)));
        // The shown copies of what people wrote, named by rule (TaskPresentation.shownVariable).
        TaskPresentation.SHOWN_TEXTS.stream().map(TaskPresentation::shownVariable).forEach(written::add);
        for (String source : mainSources.values()) {
            written.addAll(matches(JAVA_SET_VARIABLE, source));
            written.addAll(matches(JAVA_PUT_VALUE, source));
            written.addAll(matches(JAVA_NAMED_TYPED_VALUE, source));
            written.addAll(matches(JAVA_LIST_COLUMN, source));
            written.addAll(matches(JAVA_READ_WITH_THE_FORM, source));
            written.addAll(caseVariables.writtenIn(source));
            Matcher maps = JAVA_SET_VARIABLES_MAP.matcher(source);
            while (maps.find()) {
                String[] entries = maps.group(1).split(",");
                for (int i = 0; i < entries.length; i += 2) {
                    String key = entries[i].trim();
                    if (key.startsWith("\"") && key.endsWith("\"")) {
                        written.add(key.substring(1, key.length() - 1));
                    }
                }
            }
        }
        return written;
    }

    private Set<String> namedBeans() {
        Set<String> beans = new TreeSet<>();
        mainSources.values().forEach(source -> beans.addAll(matches(JAVA_NAMED_BEAN, source)));
        return beans;
    }

    private static List<BaseElement> formElements(BpmnModelInstance bpmn) {
        List<BaseElement> elements = new ArrayList<>(bpmn.getModelElementsByType(UserTask.class));
        for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
            if (start.getParentElement() instanceof Process
                    && (start.getAttributeValueNs(CAMUNDA_NS, "formRef") != null
                    || start.getAttributeValueNs(CAMUNDA_NS, "formKey") != null)) {
                elements.add(start);
            }
        }
        return elements;
    }

    private static Set<String> formReads(JsonNode form) {
        Set<String> reads = new TreeSet<>();
        form.findValues("text").forEach(text -> reads.addAll(matches(TEMPLATE_VARIABLE, text.asText())));
        return reads;
    }

    private static Set<String> formWrites(JsonNode form) {
        Set<String> writes = new TreeSet<>();
        collectInputs(form.path("components"), writes);
        return writes;
    }

    private static void collectInputs(JsonNode components, Set<String> writes) {
        for (JsonNode component : components) {
            boolean editable = !component.path("readonly").asBoolean(false) && !component.path("disabled").asBoolean(false);
            if (FORM_INPUT_TYPES.contains(component.path("type").asText()) && editable && component.hasNonNull("key")) {
                writes.add(component.get("key").asText());
            }
            collectInputs(component.path("components"), writes);
        }
    }

    static Set<String> expressionVariables(String text) {
        Set<String> variables = new TreeSet<>();
        if (text == null) {
            return variables;
        }
        Matcher expressions = EXPRESSION.matcher(text);
        while (expressions.find()) {
            String expression = expressions.group(1);
            variables.addAll(matches(GET_VARIABLE_IN_EXPRESSION, expression));
            String code = STRING_LITERAL.matcher(expression).replaceAll("''");
            for (String name : matches(ROOT_IDENTIFIER, code)) {
                if (!ENGINE_NAMES.contains(name)) {
                    variables.add(name);
                }
            }
        }
        return variables;
    }

    static String timerExpression(TimerEventDefinition timer) {
        for (var value : Stream.of(timer.getTimeDate(), timer.getTimeDuration(), timer.getTimeCycle()).toList()) {
            if (value != null) {
                return value.getTextContent().trim();
            }
        }
        return null;
    }

    /** The BPMN element an extension element (a mapping, a listener) belongs to. */
    static BaseElement owner(ModelElementInstance parameter) {
        ModelElementInstance element = parameter;
        while (!(element instanceof BaseElement)) {
            element = element.getParentElement();
        }
        return (BaseElement) element;
    }

    private static void add(Map<String, Set<String>> reads, String where, Set<String> variables) {
        if (!variables.isEmpty()) {
            reads.computeIfAbsent(where, w -> new TreeSet<>()).addAll(variables);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static final Pattern JAVA_STRING_CONSTANT =
            Pattern.compile("static final String ([A-Z][A-Z0-9_]*) = (\"\\w+\");");

    /**
     * The sources with each use of a string constant of ours ({@code static final String NAME = "word";}) replaced by its
     * literal: {@code task.setVariable(STATE, ...)} or {@code putValue(CaseContext.HEADER, ...)} then read as the
     * writes they are. A name is replaced in its own file, and as {@code Class.NAME} in every file.
     */
    private static java.util.function.BiFunction<String, String, String> withConstantsSpelledOut(Map<String, String> sources) {
        Map<String, Map<String, String>> constantsByFile = new java.util.HashMap<>();
        Map<String, String> qualified = new java.util.HashMap<>();
        for (var source : sources.entrySet()) {
            String type = Path.of(source.getKey()).getFileName().toString().replace(".java", "");
            Map<String, String> constants = new java.util.HashMap<>();
            Matcher m = JAVA_STRING_CONSTANT.matcher(source.getValue());
            while (m.find()) {
                constants.put(m.group(1), m.group(2));
                qualified.put(type + "." + m.group(1), m.group(2));
            }
            constantsByFile.put(source.getKey(), constants);
        }
        return (file, text) -> {
            String spelled = text;
            for (var constant : qualified.entrySet()) {
                if (!spelled.contains(constant.getKey())) {
                    continue;
                }
                spelled = spelled.replaceAll("(?<![\\w.])" + Pattern.quote(constant.getKey()) + "(?!\\w)",
                        Matcher.quoteReplacement(constant.getValue()));
            }
            for (var constant : constantsByFile.get(file).entrySet()) {
                spelled = spelled.replaceAll("(?<![\\w.\"])" + constant.getKey() + "(?![\\w\"]| = )",
                        Matcher.quoteReplacement(constant.getValue()));
            }
            return spelled;
        };
    }

    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
