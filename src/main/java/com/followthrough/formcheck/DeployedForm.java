package com.followthrough.formcheck;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a deployed Camunda Form (form-js JSON) that take input, read once per form and kept by
 * {@link DeployedForms}. Display-only components (text, separators, images, ...) have no key and are skipped;
 * a disabled field is not submitted by form-js, so it is skipped too. Fields inside a group without a {@code path}
 * write plain variables and are checked; fields under a {@code path} or in a dynamic list write into a nested
 * value that this check does not walk, so they are left to the client. {@code names} are the names the form mentions
 * anywhere: variables its text components place ({@code {{shownInboundText}}}), its labels, conditions and
 * expressions read, and also the words of its texts (more than it reads, never fewer). {@code submitted} are the
 * variables form-js can submit for it (Tasklist sends its {@code submit()} data as they are): each enabled field's
 * key, or the first part of a dotted key or of a group's or dynamic list's {@code path}, which hold nested values.
 */
record DeployedForm(String id, List<FormField> fields, Set<String> names, Set<String> submitted) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*");

    private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
            "radio", "select", "taglist", "datetime");

    /** What form-js submits besides the inputs: a computed value and a file picker's files. */
    private static final Set<String> ALSO_SUBMITTED = Set.of("expression", "filepicker");

    private static final Set<String> NESTING = Set.of("group", "dynamiclist");

    /** Whether a check needs all of the task's variables: for FEEL expressions, which may name any of them. */
    boolean hasExpressions() {
        return fields.stream().anyMatch(field -> !field.hideConditions().isEmpty() || field.valuesExpression() != null
                || !field.boundExpressions().isEmpty());
    }

    /** A field whose validation pattern the server cannot read ({@code key}), and what is wrong with it. */
    record UnreadablePattern(String key, String problem) {
    }

    /**
     * The fields whose validation patterns the server cannot read as Java regular expressions (it checks them,
     * {@link FormRules}), each with what is wrong; none when every pattern reads.
     */
    List<UnreadablePattern> unreadablePatterns() {
        List<UnreadablePattern> unreadable = new ArrayList<>();
        for (FormField field : fields) {
            if (field.pattern() != null) {
                try {
                    JavaScriptPatterns.compile(field.pattern());
                } catch (PatternSyntaxException notJava) {
                    unreadable.add(new UnreadablePattern(field.key(), "the pattern of " + field.named() + ", "
                            + field.pattern() + ", is no regular expression the server can check: "
                            + notJava.getDescription()));
                }
            }
        }
        return unreadable;
    }

    /** The names its selects take their options from ({@code valuesKey}). */
    Set<String> optionsKeys() {
        return fields.stream().map(FormField::valuesKey).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    static DeployedForm read(JsonNode schema) {
        List<FormField> fields = new ArrayList<>();
        collect(schema.path("components"), List.of(), fields);
        Set<String> names = new HashSet<>();
        collectNames(schema, names);
        Set<String> submitted = new HashSet<>();
        collectSubmitted(schema.path("components"), submitted);
        return new DeployedForm(schema.path("id").asText(null), List.copyOf(fields), Set.copyOf(names),
                Set.copyOf(submitted));
    }

    private static void collectSubmitted(JsonNode components, Set<String> submitted) {
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            String path = text(component, "path");
            if (NESTING.contains(type) && path != null) {
                submitted.add(firstPart(path));
            } else if (NESTING.contains(type)) {
                collectSubmitted(component.path("components"), submitted);
            } else if ((INPUTS.contains(type) || ALSO_SUBMITTED.contains(type)) && text(component, "key") != null
                    && !component.path("disabled").asBoolean(false)) {
                submitted.add(firstPart(text(component, "key")));
            }
        }
    }

    private static String firstPart(String path) {
        return path.split("\\.", 2)[0];
    }

    /** Every name in every text of the form, whichever property holds it: form-js places variables in many. */
    private static void collectNames(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher name = NAME.matcher(node.asText());
            while (name.find()) {
                names.add(name.group());
            }
        }
        node.forEach(child -> collectNames(child, names));
    }

    private static void collect(JsonNode components, List<String> hiddenWhen, List<FormField> fields) {
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            List<String> hide = new ArrayList<>(hiddenWhen);
            String ownHide = component.path("conditional").path("hide").asText(null);
            if (ownHide != null && !ownHide.isBlank()) {
                hide.add(ownHide);
            }
            if ("group".equals(type) && !component.hasNonNull("path")) {
                collect(component.path("components"), hide, fields);
            } else if (INPUTS.contains(type) && component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
                fields.add(field(component, type, List.copyOf(hide)));
            }
        }
    }

    private static FormField field(JsonNode component, String type, List<String> hide) {
        JsonNode validate = component.path("validate");
        List<String> options = new ArrayList<>();
        component.path("values").forEach(option -> options.add(option.path("value").asText()));
        return new FormField(component.path("key").asText(), type, component.path("label").asText(null),
                validate.path("required").asBoolean(false), List.copyOf(options),
                text(component, "valuesKey"), text(component, "valuesExpression"),
                number(validate.path("min")), number(validate.path("max")),
                whole(validate.path("minLength")), whole(validate.path("maxLength")),
                text(validate, "pattern"), text(component, "subtype"), hide, plain(component.path("defaultValue")),
                whole(component.path("decimalDigits")), increment(component.path("increment")),
                component.path("serializeToString").asBoolean(false), readonly(component.path("readonly")),
                text(validate, "validationType"), boundExpressions(validate));
    }

    /** form-js's {@code readonly}: {@code true} or a FEEL expression; null when a person may change the field. */
    private static String readonly(JsonNode readonly) {
        if (readonly.isBoolean()) {
            return readonly.booleanValue() ? "=true" : null;
        }
        String expression = readonly.asText("").strip();
        return expression.isEmpty() || expression.equals("false") || expression.equals("=false") ? null : expression;
    }

    /** A field's {@code defaultValue} as a variable would hold it: text, a number or true/false; none otherwise. */
    private static Object plain(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        return value.isBoolean() ? value.booleanValue() : null;
    }

    private static String text(JsonNode node, String name) {
        String value = node.path(name).asText(null);
        return value == null || value.isBlank() ? null : value;
    }

    /** The bounds written as a FEEL expression ({@code "=..."}), which {@link FormRules} evaluates as form-js does. */
    private static Map<String, String> boundExpressions(JsonNode validate) {
        Map<String, String> expressions = new TreeMap<>();
        for (String bound : List.of("min", "max", "minLength", "maxLength")) {
            String expression = validate.path(bound).isTextual() ? validate.path(bound).asText().strip() : "";
            if (expression.startsWith("=")) {
                expressions.put(bound, expression);
            }
        }
        return Map.copyOf(expressions);
    }

    /** A bound the Modeler wrote as a number; an expression bound ({@code "=..."}) is in {@code boundExpressions}. */
    private static BigDecimal number(JsonNode bound) {
        return bound.isNumber() ? bound.decimalValue() : null;
    }

    /** form-js keeps a number field's increment as a number or as text ({@code "0.01"}). */
    private static BigDecimal increment(JsonNode step) {
        try {
            BigDecimal value = step.isNumber() ? step.decimalValue()
                    : step.isTextual() ? new BigDecimal(step.asText().strip()) : null;
            return value == null || value.signum() <= 0 ? null : value;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Integer whole(JsonNode bound) {
        return bound.isNumber() ? bound.intValue() : null;
    }
}
