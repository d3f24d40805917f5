package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughSpringTest;

/**
 * Designers build service, decision and call tasks from the element templates in
 * {@code .camunda/element-templates/}. Both ways hold: every Java service, decision and called process
 * the models use comes from a template that the element still matches, and every template names a
 * bean, decision or process that exists, with inputs the bean really reads.
 */
@FollowThroughSpringTest
class ElementTemplatesTest {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String CAMUNDA_NS = ModelChecks.CAMUNDA_NS;
    static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{(\\w+)}");

    @Autowired
    ApplicationContext spring;

    @Autowired
    RepositoryService repository;

    private final Map<String, JsonNode> templates = new HashMap<>();
    private final Map<String, BpmnModelInstance> models = new HashMap<>();

    @BeforeEach
    void readTemplatesAndModels() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Path file : ModelChecks.files(PROJECT.resolve(".camunda/element-templates"), ".json")) {
            JsonNode content = json.readTree(file.toFile());
            for (JsonNode template : content.isArray() ? content : List.of(content)) {
                templates.put(template.path("id").asText() + "@" + template.path("version").asInt(), template);
            }
        }
        for (Path file : ModelChecks.files(PROJECT.resolve("processes"), ".bpmn")) {
            models.put(file.getFileName().toString(), Bpmn.readModelFromFile(file.toFile()));
        }
        assertThat(templates).isNotEmpty();
    }

    @Test
    void everyServiceDecisionAndCallTaskInTheModelsUsesATemplateItStillMatches() {
        List<String> findings = new ArrayList<>();
        models.forEach((file, model) -> {
            for (FlowNode element : model.getModelElementsByType(FlowNode.class)) {
                boolean needsTemplate = element.getAttributeValueNs(CAMUNDA_NS, "delegateExpression") != null
                        || element.getAttributeValueNs(CAMUNDA_NS, "class") != null
                        || element.getAttributeValueNs(CAMUNDA_NS, "expression") != null
                        || element instanceof BusinessRuleTask || element instanceof CallActivity;
                String templateId = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
                String where = file + " " + element.getId();
                if (templateId == null) {
                    if (needsTemplate) {
                        findings.add(where + " is configured by hand; apply its element template");
                    }
                    continue;
                }
                String version = Optional.ofNullable(element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion")).orElse("?");
                JsonNode template = templates.get(templateId + "@" + version);
                if (template == null) {
                    findings.add(where + " uses template " + templateId + " version " + version + ", which does not exist");
                } else {
                    findings.addAll(mismatches(where, element, template));
                }
            }
        });
        assertThat(findings).isEmpty();
    }

    @Test
    void theOnlyDelegatesWithoutATemplateAreTaskListenersWhichCamunda7TemplatesCannotBind() {
        List<String> listenerBeans = models.values().stream()
                .flatMap(model -> model.getModelElementsByType(CamundaTaskListener.class).stream())
                .map(CamundaTaskListener::getCamundaDelegateExpression).distinct().sorted().toList();

        assertThat(listenerBeans).containsExactly("${answerTakeover}", "${callDecision}", "${callNotes}",
                "${caseOwnership}", "${checkPromise}", "${discountRequests}", "${firstPersonalContact}",
                "${lastChanceCall}", "${newCallTime}", "${newResolutionTarget}", "${owedCallback}", "${ownerContact}",
                "${paymentDay}", "${promiseTakeover}", "${reimbursementAuthority}", "${resolutionCosts}",
                "${resolutionTime}", "${whatSupervisorsDid}");
    }

    @Test
    void everyTemplateNamesABeanDecisionOrProcessThatExistsWithInputsTheBeanReads() throws IOException {
        List<String> findings = new ArrayList<>();
        for (var entry : templates.entrySet()) {
            String template = entry.getKey();
            JsonNode properties = entry.getValue().path("properties");
            for (JsonNode property : properties) {
                JsonNode binding = property.path("binding");
                String name = binding.path("name").asText();
                String value = property.path("value").asText();
                if (name.equals("camunda:delegateExpression")) {
                    var bean = BEAN_EXPRESSION.matcher(value);
                    if (!bean.matches() || !spring.containsBean(bean.group(1))) {
                        findings.add(template + " calls " + value + ", which is no bean of the app");
                    } else if (!(spring.getBean(bean.group(1)) instanceof JavaDelegate delegate)) {
                        findings.add(template + " calls " + value + ", which is not a JavaDelegate");
                    } else {
                        findings.addAll(unreadInputs(template, delegate, properties));
                    }
                } else if (name.equals("camunda:decisionRef")
                        && repository.createDecisionDefinitionQuery().decisionDefinitionKey(value).count() == 0) {
                    findings.add(template + " evaluates decision " + value + ", which is not deployed");
                } else if (name.equals("calledElement")
                        && repository.createProcessDefinitionQuery().processDefinitionKey(value).count() == 0) {
                    findings.add(template + " calls process " + value + ", which is not deployed");
                }
            }
        }
        assertThat(findings).isEmpty();
        assertThat(templates.keySet()).as("one template per Java service, decision and called process the models use")
                .hasSize(21).contains("com.followthrough.SendCustomerMessage@1", "com.followthrough.AcknowledgeCustomer@1", "com.followthrough.RecordPromise@1",
                        "com.followthrough.DetermineServiceLevels@1", "com.followthrough.DecideReimbursement@1",
                        "com.followthrough.AskForFeedback@1", "com.followthrough.DecideLastChance@1");
    }

    /** Each input a template asks the designer for must be read by the bean, or filling it in does nothing. */
    private static List<String> unreadInputs(String template, JavaDelegate delegate, JsonNode properties) throws IOException {
        Class<?> type = AopUtils.getTargetClass(delegate);
        Path source = PROJECT.resolve("src/main/java").resolve(type.getName().replace('.', '/') + ".java");
        String code = Files.readString(source);
        List<String> findings = new ArrayList<>();
        for (JsonNode property : properties) {
            JsonNode binding = property.path("binding");
            if (binding.path("type").asText().equals("camunda:inputParameter")) {
                String input = binding.path("name").asText();
                if (!Pattern.compile("getVariable(Local)?\\(\\s*\"" + Pattern.quote(input) + "\"").matcher(code).find()) {
                    findings.add(template + " asks for input '" + input + "', which " + type.getSimpleName() + " never reads");
                }
            }
        }
        return findings;
    }

    /** What the Modeler would show as "template not applied cleanly": a fixed value the element no longer has. */
    private static List<String> mismatches(String where, BaseElement element, JsonNode template) {
        List<String> findings = new ArrayList<>();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String type = binding.path("type").asText();
            String value = property.path("value").asText(null);
            boolean fixed = property.path("type").asText().equals("Hidden") || !property.path("editable").asBoolean(true);
            switch (type) {
                case "property" -> {
                    String name = binding.path("name").asText();
                    String actual = name.startsWith("camunda:")
                            ? element.getAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()))
                            : element.getAttributeValue(name);
                    if (fixed && value != null && !value.equals(actual)) {
                        findings.add(where + " has " + name + "=" + actual + ", its template fixes " + value);
                    }
                }
                case "camunda:inputParameter" -> {
                    String name = binding.path("name").asText();
                    Optional<String> actual = element.getModelInstance().getModelElementsByType(CamundaInputParameter.class).stream()
                            .filter(p -> ModelChecks.owner(p) == element && name.equals(p.getCamundaName()))
                            .map(p -> p.getTextContent().trim()).findFirst();
                    List<String> choices = property.path("choices").findValuesAsText("value");
                    if (actual.isEmpty()) {
                        findings.add(where + " lacks the input '" + name + "' its template asks for");
                    } else if (!choices.isEmpty() && !choices.contains(actual.get())) {
                        findings.add(where + " sets input '" + name + "' to '" + actual.get() + "', not one of " + choices);
                    }
                }
                case "camunda:outputParameter" -> {
                    String source = binding.path("source").asText();
                    boolean present = element.getModelInstance().getModelElementsByType(CamundaOutputParameter.class).stream()
                            .anyMatch(p -> ModelChecks.owner(p) == element && p.getCamundaName().equals(value)
                                    && p.getTextContent().trim().equals(source));
                    if (!present) {
                        findings.add(where + " lacks the output " + value + " = " + source + " of its template");
                    }
                }
                case "camunda:out" -> {
                    boolean present = element.getModelInstance().getModelElementsByType(CamundaOut.class).stream()
                            .anyMatch(out -> ModelChecks.owner(out) == element && binding.path("source").asText().equals(out.getCamundaSource())
                                    && value.equals(out.getCamundaTarget()));
                    if (!present) {
                        findings.add(where + " lacks the output mapping " + binding.path("source").asText() + " → " + value);
                    }
                }
                case "camunda:in", "camunda:in:businessKey" -> {
                    boolean present = element.getModelInstance().getModelElementsByType(CamundaIn.class).stream()
                            .anyMatch(in -> ModelChecks.owner(in) == element && (type.equals("camunda:in")
                                    ? binding.path("variables").asText().equals(in.getCamundaVariables())
                                    : value.equals(in.getCamundaBusinessKey())));
                    if (!present) {
                        findings.add(where + " lacks the input mapping " + type + " of its template");
                    }
                }
                default -> findings.add(where + ": the test does not know binding type " + type + "; teach it");
            }
        }
        return findings;
    }
}
