package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.formcheck.RefusedSubmissionException.FieldProblem;

/**
 * Every Camunda Form the app deploys accepts a submission built from the form itself (its defaults, its first option,
 * text within its bounds), and refuses that submission with a required field left out, naming that field. A form
 * edited in the Modeler keeps working, because the check and this test both read the deployed form.
 */
@FollowThroughSpringTest
class DeployedFormsAcceptTheirOwnOptionsTest {

    @Autowired RepositoryService repository;
    @Autowired FormRules rules;

    private final ObjectMapper json = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> eachDeployedFormAcceptsASubmissionBuiltFromItself() throws Exception {
        Map<String, JsonNode> forms = deployedForms();
        assertThat(forms).as("forms deployed with the app").containsKeys("diagnose-problem.form", "listen-to-customer.form");
        return forms.entrySet().stream().map(form -> DynamicTest.dynamicTest(form.getKey(), () -> {
            DeployedForm deployed = DeployedForm.read(form.getValue());
            Map<String, Object> submission = submissionFrom(form.getValue().path("components"));

            assertThat(check(deployed, submission)).as("a submission of the form's own values").isEmpty();
            assertThat(deployed.submitted()).as("a submission over REST may set each field").containsAll(
                    submission.keySet().stream().filter(name -> !deployed.optionsKeys().contains(name)).toList());

            for (FormField field : deployed.fields()) {
                if (field.required() && field.hideConditions().isEmpty()) {
                    Map<String, Object> without = new LinkedHashMap<>(submission);
                    without.remove(field.key());
                    assertThat(check(deployed, without)).as("without " + field.key())
                            .extracting(FieldProblem::field).containsExactly(field.key());
                }
            }
        }));
    }

    private List<FieldProblem> check(DeployedForm form, Map<String, Object> values) {
        return rules.check(form, values::get, values);
    }

    /** The newest deployed version of each form, by file name (the app deploys them by absolute path). */
    private Map<String, JsonNode> deployedForms() throws Exception {
        Map<String, JsonNode> forms = new LinkedHashMap<>();
        for (Deployment deployment : repository.createDeploymentQuery().orderByDeploymentTime().desc().list()) {
            for (String name : repository.getDeploymentResourceNames(deployment.getId())) {
                String file = name.substring(name.lastIndexOf('/') + 1);
                if (file.endsWith(".form") && !forms.containsKey(file)) {
                    try (InputStream form = repository.getResourceAsStream(deployment.getId(), name)) {
                        forms.put(file, json.readTree(form));
                    }
                }
            }
        }
        return forms;
    }

    private static Map<String, Object> submissionFrom(JsonNode components) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonNode component : components) {
            if (component.has("components")) {
                values.putAll(submissionFrom(component.path("components")));
            }
            String key = component.path("key").asText(null);
            if (key == null) {
                continue;
            }
            if (component.has("valuesKey")) {
                values.put(component.path("valuesKey").asText(), List.of(Map.of("label", "Anna Clarke", "value", "anna")));
            }
            values.put(key, valueFor(component));
        }
        return values;
    }

    private static Object valueFor(JsonNode component) {
        JsonNode validate = component.path("validate");
        if (component.has("defaultValue")) {
            return json(component.path("defaultValue"));
        }
        return switch (component.path("type").asText()) {
            case "radio", "select" -> component.has("valuesKey") ? "anna" : component.path("values").get(0).path("value").asText();
            case "checklist", "taglist" -> List.of(component.path("values").get(0).path("value").asText());
            case "checkbox" -> false;
            case "number" -> validate.has("min") ? validate.path("min").decimalValue() : 1;
            case "datetime" -> switch (component.path("subtype").asText("datetime")) {
                case "date" -> OffsetDateTime.now(ZoneOffset.ofHours(1)).plusDays(1).toLocalDate().toString();
                case "time" -> OffsetDateTime.now(ZoneOffset.ofHours(1)).toLocalTime().truncatedTo(ChronoUnit.MINUTES).toString();
                default -> OffsetDateTime.now(ZoneOffset.ofHours(1)).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
            };
            default -> text(validate);
        };
    }

    /** Text within the field's length; for a pattern, the first of some everyday entries that it accepts. */
    private static String text(JsonNode validate) {
        String plain = "x".repeat(Math.max(1, validate.path("minLength").asInt(1)));
        if (!validate.has("pattern")) {
            return plain;
        }
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(validate.path("pattern").asText());
        return Stream.of(plain, "jane@example.org", "+49 30 1234567", "SC-2026-000042", "42")
                .filter(candidate -> pattern.matcher(candidate).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no sample text for the pattern " + pattern));
    }

    private static Object json(JsonNode value) {
        return value.isBoolean() ? value.booleanValue() : value.isNumber() ? value.numberValue() : value.asText();
    }
}
