package com.followthrough.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import com.followthrough.communication.MessageKind;

/**
 * Every time a customer message states is a timer or a due date (issue 12, item 12): for each mail template
 * ({@code src/main/resources/mail/<language>/<kind>.txt}) and each time it places, the process that sends that kind
 * has a timer or a user task's due date on the variable the time is computed from.
 *
 * <p>Nothing here is a hand list. Which facts are times, and from which case variables, is read from
 * {@code MessageComposer}: a fact is a time when the composer formats it as one ({@code times.format(...)}, {@code times.inSupportZone(...)} or
 * {@code after(...)}), and it comes from the variables its {@code facts.put} reads ({@code closesAt} from
 * {@code quietPeriod}, {@code nextUpdateDueAt} from {@code updateInterval}, {@code nextCallAt} from
 * {@code callbackDueAt}; only variables named as deadlines count, see {@link ModelChecks#DEADLINE_VARIABLE}). Who sends a kind is read from the models (a "Send customer message" step with
 * {@code messageKind}) and from the Java delegates that send one themselves ({@code send(MessageKind.X, ...)} in a
 * {@code @Component("bean")} that a model calls as {@code ${bean}}).
 */
final class PromisedTimes {

    static final Path COMPOSER = Path.of("src/main/java/com/followthrough/communication/MessageComposer.java");
    static final Path TEMPLATES = Path.of("src/main/resources/mail");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*([A-Za-z_]\\w*)");
    private static final Pattern FACT = Pattern.compile("facts\\.put\\(\\s*\"(\\w+)\"\\s*,");
    private static final Pattern LOCAL_FROM_VARIABLE = Pattern.compile("(?:Object|String|Date)\\s+(\\w+)\\s*=\\s*"
            + "(?:variables\\.getVariable\\(\\s*\"(\\w+)\"\\s*\\)|CaseVariable\\.(\\w+)\\.get\\(\\s*variables\\s*\\))");
    private static final Pattern READS_VARIABLE =
            Pattern.compile("(?:getVariable|CaseVariables\\.text\\(\\s*variables\\s*,)\\(?\\s*\"(\\w+)\"");
    private static final Pattern FORMATS_TIME = Pattern.compile("times\\.(?:format|inSupportZone)\\(|\\bafter\\(");
    private static final Pattern NAMED_BEAN = Pattern.compile("@(?:Component|Service)\\(\"(\\w+)\"\\)");
    private static final Pattern SENDS_KIND = Pattern.compile("\\.send\\(\\s*MessageKind\\.(\\w+)");

    /**
     * Times that a template states from the promise ledger rather than from a variable of the process that sends it:
     * the fact → the process and deadline variable whose timer keeps it. "As agreed, Anna calls you by ..." in a
     * progress update is the open callback promise, kept by KeepPromise's timer on {@code callbackDueAt}. "How we go
     * on is decided by ..." in the last reminder of a question is the case's copy ({@code callDecisionDueAt}) of the
     * time of the open decision on an unreachable customer, kept by KeepPromise's timers and due dates on
     * {@code unreachableDecisionDueAt}.
     */
    static final Map<String, Map.Entry<String, String>> KEPT_BY_ANOTHER_PROCESS =
            Map.of("agreedCallbackAt", Map.entry("keep-promise.bpmn (KeepPromise)", "callbackDueAt"),
                    "callDecidedBy", Map.entry("keep-promise.bpmn (KeepPromise)", "unreachableDecisionDueAt"));

    /** Fact name → the case variables it is computed from, for the facts that are times. */
    private final Map<String, Set<String>> timeFacts = new TreeMap<>();
    private final Set<String> facts = new TreeSet<>();
    /** "en/resolution" → the template's text. */
    private final Map<String, String> templates = new TreeMap<>();
    /** Message kind (model name) → the processes that send it, as "file (ProcessId)". */
    private final Map<String, Set<String>> senders = new TreeMap<>();
    /** "file (ProcessId)" → the variables its timers and user tasks' due dates count to. */
    private final Map<String, Set<String>> deadlines = new TreeMap<>();

    private PromisedTimes() {
    }

    static PromisedTimes of(Path projectRoot) {
        PromisedTimes times = new PromisedTimes();
        times.readComposer(read(projectRoot.resolve(COMPOSER)),
                CaseVariableKeys.declaredIn(read(projectRoot.resolve(CaseVariableKeys.SOURCE))));
        for (Path file : ModelChecks.files(projectRoot.resolve(TEMPLATES), ".txt")) {
            String name = file.getFileName().toString();
            if (!name.startsWith("_")) {
                times.templates.put(file.getParent().getFileName() + "/" + name.replace(".txt", ""), read(file));
            }
        }
        Map<String, String> kindsSentByBean = new TreeMap<>();
        for (Path source : ModelChecks.files(projectRoot.resolve("src/main/java"), ".java")) {
            String java = read(source);
            Matcher bean = NAMED_BEAN.matcher(java);
            Matcher sends = SENDS_KIND.matcher(java);
            if (bean.find() && sends.find()) {
                kindsSentByBean.put(bean.group(1), MessageKind.valueOf(sends.group(1)).modelName());
            }
        }
        for (Path file : ModelChecks.files(projectRoot.resolve("processes"), ".bpmn")) {
            times.readModel(file.getFileName().toString(), Bpmn.readModelFromFile(file.toFile()), kindsSentByBean);
        }
        return times;
    }

    /** Each time a template states that the process sending it neither waits for nor gives as a due date. */
    List<String> unbackedTimes() {
        List<String> findings = new ArrayList<>();
        templates.forEach((template, text) -> {
            String kind = template.substring(template.indexOf('/') + 1);
            for (String placeholder : placeholders(text)) {
                String where = "mail/" + template + ".txt";
                if (!facts.contains(placeholder)) {
                    findings.add(where + " places '" + placeholder + "', which MessageComposer does not give templates");
                    continue;
                }
                Set<String> from = timeFacts.get(placeholder);
                if (from == null) {
                    continue;
                }
                Map.Entry<String, String> keeper = KEPT_BY_ANOTHER_PROCESS.get(placeholder);
                if (keeper != null) {
                    if (!deadlines.getOrDefault(keeper.getKey(), Set.of()).contains(keeper.getValue())) {
                        findings.add(where + " states '" + placeholder + "', kept by " + keeper.getKey() + " on '"
                                + keeper.getValue() + "', which has no timer or user task due date on it");
                    }
                    continue;
                }
                Set<String> processes = senders.getOrDefault(kind, Set.of());
                if (processes.isEmpty()) {
                    findings.add(where + " states '" + placeholder + "', but no process sends " + kind);
                }
                for (String process : processes) {
                    Set<String> backed = new TreeSet<>(deadlines.getOrDefault(process, Set.of()));
                    backed.retainAll(from);
                    if (backed.isEmpty()) {
                        findings.add(where + " states '" + placeholder + "' (from " + String.join(", ", from) + "), but "
                                + process + ", which sends " + kind + ", has no timer or user task due date on it");
                    }
                }
            }
        });
        return findings;
    }

    /** The times a template states, e.g. {@code en/resolution} → {@code closesAt}. */
    Map<String, Set<String>> statedTimes() {
        Map<String, Set<String>> stated = new TreeMap<>();
        templates.forEach((template, text) -> placeholders(text).stream().filter(timeFacts::containsKey)
                .forEach(time -> stated.computeIfAbsent(template, t -> new TreeSet<>()).add(time)));
        return stated;
    }

    Map<String, Set<String>> timeFacts() {
        return timeFacts;
    }

    private void readComposer(String composer, CaseVariableKeys keys) {
        Map<String, String> locals = new TreeMap<>();
        Matcher local = LOCAL_FROM_VARIABLE.matcher(composer);
        while (local.find()) {
            locals.put(local.group(1), local.group(2) != null ? local.group(2) : keys.variable(local.group(3)));
        }
        Matcher fact = FACT.matcher(composer);
        while (fact.find()) {
            String name = fact.group(1);
            String value = argumentFrom(composer, fact.end());
            facts.add(name);
            if (!FORMATS_TIME.matcher(value).find()) {
                continue;
            }
            Set<String> from = new TreeSet<>();
            Matcher reads = READS_VARIABLE.matcher(value);
            while (reads.find()) {
                from.add(reads.group(1));
            }
            from.addAll(keys.readIn(value));
            locals.forEach((localName, variable) -> {
                if (Pattern.compile("\\b" + localName + "\\b").matcher(value).find()) {
                    from.add(variable);
                }
            });
            from.removeIf(variable -> !ModelChecks.DEADLINE_VARIABLE.matcher(variable).matches());
            timeFacts.put(name, from);
        }
    }

    /** The rest of the call's argument list from {@code start}, up to its closing parenthesis. */
    private static String argumentFrom(String source, int start) {
        int depth = 1;
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(start, i);
            }
        }
        throw new IllegalStateException("Unbalanced facts.put in MessageComposer");
    }

    private void readModel(String file, BpmnModelInstance bpmn, Map<String, String> kindsSentByBean) {
        for (Process process : bpmn.getModelElementsByType(Process.class)) {
            String name = file + " (" + process.getId() + ")";
            Set<String> counted = deadlines.computeIfAbsent(name, n -> new TreeSet<>());
            for (TimerEventDefinition timer : bpmn.getModelElementsByType(TimerEventDefinition.class)) {
                if (processOf(timer) == process) {
                    counted.addAll(ModelChecks.expressionVariables(ModelChecks.timerExpression(timer)));
                }
            }
            for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
                if (processOf(task) == process) {
                    counted.addAll(ModelChecks.expressionVariables(task.getCamundaDueDate()));
                }
            }
        }
        for (CamundaInputParameter input : bpmn.getModelElementsByType(CamundaInputParameter.class)) {
            if ("messageKind".equals(input.getCamundaName())) {
                senders.computeIfAbsent(input.getTextContent().trim(), k -> new TreeSet<>())
                        .add(file + " (" + processOf(input).getId() + ")");
            }
        }
        for (BaseElement element : bpmn.getModelElementsByType(BaseElement.class)) {
            String delegate = element.getAttributeValueNs(ModelChecks.CAMUNDA_NS, "delegateExpression");
            if (delegate != null) {
                ModelChecks.expressionVariables(delegate).stream().map(kindsSentByBean::get).filter(k -> k != null)
                        .forEach(kind -> senders.computeIfAbsent(kind, k -> new TreeSet<>())
                                .add(file + " (" + processOf(element).getId() + ")"));
            }
        }
    }

    private static Process processOf(ModelElementInstance element) {
        ModelElementInstance parent = element;
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }

    private static Set<String> placeholders(String template) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
