package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
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
 * text within its bounds), and refuses that submission with a required field left out, or with any rule of a field
 * broken, naming that field. A form edited in the Modeler keeps working, because the check and this test both read
 * the deployed form.
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

    /**
     * Every rule of every field of every deployed form (a length, a pattern, a bound, decimal digits, an increment,
     * the options of a radio, select, checklist or taglist, the kind of value a field takes) refuses a value that
     * breaks it, naming that field and no other, as form-js refuses it in the browser: a REST client that skips the
     * form meets the same rules. A field that the form's own values hide is checked with the values that show it.
     */
    @TestFactory
    Stream<DynamicTest> eachRuleOfEachDeployedFormRefusesAValueThatBreaksIt() throws Exception {
        return deployedForms().entrySet().stream().map(form -> DynamicTest.dynamicTest(form.getKey(), () -> {
            DeployedForm deployed = DeployedForm.read(form.getValue());
            Map<String, Object> submission = submissionFrom(form.getValue().path("components"));
            for (FormField field : deployed.fields()) {
                Map<String, Object> shown = showing(deployed, field, submission);
                assertThat(check(deployed, shown)).as(field.key() + " shown, the form's own values").isEmpty();
                Map<String, Object> breaking = breaking(field);
                assertThat(breaking).as(field.key() + ": every field takes some kind of value").isNotEmpty();
                breaking.forEach((rule, value) -> {
                    Map<String, Object> broken = new LinkedHashMap<>(shown);
                    broken.put(field.key(), value);
                    String shownValue = String.valueOf(value).length() <= 40 ? String.valueOf(value)
                            : String.valueOf(value).length() + " characters";
                    assertThat(check(deployed, broken)).as(form.getKey() + ": " + field.key() + " breaking " + rule
                            + " with " + shownValue).extracting(FieldProblem::field).containsExactly(field.key());
                });
            }
        }));
    }

    /**
     * The form's own values, changed where the field's {@code conditional.hide} reads them until the field is shown:
     * each option of a field it names (options from a variable: the value the form's own values give), true or false
     * for a checkbox, and true, false or nothing for a variable the form has no field for
     * ({@code discountRequestsTraced}).
     */
    private Map<String, Object> showing(DeployedForm form, FormField field, Map<String, Object> submission) {
        Set<String> named = new TreeSet<>();
        field.hideConditions().forEach(condition -> Pattern.compile("[A-Za-z_][A-Za-z0-9_]*")
                .matcher(condition.replaceAll("\"[^\"]*\"", "")).results().map(MatchResult::group)
                .filter(name -> !Set.of("true", "false", "null", "and", "or", "not").contains(name))
                .forEach(named::add));
        List<Map<String, Object>> candidates = List.of(new LinkedHashMap<>(submission));
        for (String name : named) {
            List<Object> values = form.fields().stream().filter(other -> other.key().equals(name)).findFirst()
                    .map(other -> other.type().equals("checkbox") ? List.<Object>of(true, false)
                            : other.options().isEmpty() ? java.util.Collections.singletonList(submission.get(name))
                            : List.<Object>copyOf(other.options()))
                    .orElse(java.util.Arrays.asList(true, false, null));
            List<Map<String, Object>> more = new ArrayList<>();
            for (Map<String, Object> candidate : candidates) {
                for (Object value : values) {
                    Map<String, Object> changed = new LinkedHashMap<>(candidate);
                    changed.put(name, value);
                    more.add(changed);
                }
            }
            candidates = more;
        }
        return candidates.stream().filter(values -> rules.hidden(field, values).equals(Optional.of(false)))
                .findFirst().orElseThrow(() -> new AssertionError(field.key() + " is never shown: "
                        + field.hideConditions()));
    }

    /** For each rule the field has, by name, a value that breaks it and nothing else the field checks. */
    private static Map<String, Object> breaking(FormField field) {
        Map<String, Object> breaking = new LinkedHashMap<>();
        switch (field.type()) {
            case "textfield", "textarea" -> {
                breaking.put("text", 42);
                if (field.maxLength() != null) {
                    breaking.put("maxLength", "x".repeat(field.maxLength() + 1));
                }
                if (field.minLength() != null && field.minLength() > 1) {
                    breaking.put("minLength", "x".repeat(field.minLength() - 1));
                }
                if (field.pattern() != null) {
                    // Plain ASCII on one line, which Java and JavaScript read alike (FormRulesTest covers the rest).
                    Pattern pattern = Pattern.compile(field.pattern());
                    breaking.put("pattern", Stream.of("x", "no match here", "@", "42", "x@y")
                            .filter(text -> !pattern.matcher(text).find()).findFirst()
                            .orElseThrow(() -> new AssertionError("no text that breaks " + pattern)));
                }
            }
            case "number" -> {
                BigDecimal low = field.min() != null ? field.min() : BigDecimal.ZERO;
                breaking.put("number", "12");
                if (field.min() != null) {
                    breaking.put("min", field.min().subtract(BigDecimal.ONE));
                }
                if (field.max() != null) {
                    breaking.put("max", field.max().add(BigDecimal.ONE));
                }
                if (field.decimalDigits() != null) {
                    breaking.put("decimalDigits", low.add(BigDecimal.ONE.movePointLeft(field.decimalDigits() + 1)));
                }
                if (field.increment() != null) {
                    breaking.put("increment", low.add(field.increment().divide(BigDecimal.valueOf(2))));
                }
            }
            case "radio", "select" -> {
                breaking.put("one value", List.of("a", "list"));
                if (field.hasOptions()) {
                    breaking.put("options", "notAnOption");
                }
            }
            case "checklist", "taglist" -> {
                breaking.put("list", "notAList");
                if (field.hasOptions()) {
                    breaking.put("options", List.of("notAnOption"));
                }
            }
            case "checkbox" -> breaking.put("true or false", "yes");
            case "datetime" -> breaking.put(field.subtype() == null ? "date" : field.subtype(), "tomorrow");
            default -> {
            }
        }
        return breaking;
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
