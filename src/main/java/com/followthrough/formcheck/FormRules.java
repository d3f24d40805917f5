package com.followthrough.formcheck;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.stereotype.Component;

import com.followthrough.FieldChecks;
import com.followthrough.formcheck.RefusedSubmissionException.FieldProblem;

/**
 * The rules of a deployed form applied to the values a task has once a submission is in: what form-js checks in the
 * browser, checked again on the server. A field hidden by its {@code conditional.hide} is neither required nor
 * checked, as form-js does not submit it (a new value sent for it over REST is refused before the engine sees it:
 * {@code access.FormFieldsOnly}); when the condition cannot be evaluated the field is not required either, but a value
 * given for it is checked.
 */
@Component
class FormRules {

    /** form-js's own expressions for a text field's {@code validationType}, as its validator tests them. */
    private static final Pattern EMAIL = JavaScriptPatterns.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
            + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final Pattern PHONE = JavaScriptPatterns.compile("(\\+|00)(" + String.join("|",
            "297", "93", "244", "1264", "358", "355", "376", "971", "54", "374", "1684", "1268", "61", "43", "994",
            "257", "32", "229", "226", "880", "359", "973", "1242", "387", "590", "375", "501", "1441", "591", "55",
            "1246", "673", "975", "267", "236", "1", "61", "41", "56", "86", "225", "237", "243", "242", "682", "57",
            "269", "238", "506", "53", "5999", "61", "1345", "357", "420", "49", "253", "1767", "45", "1809", "1829",
            "1849", "213", "593", "20", "291", "212", "34", "372", "251", "358", "679", "500", "33", "298", "691",
            "241", "44", "995", "44", "233", "350", "224", "590", "220", "245", "240", "30", "1473", "299", "502",
            "594", "1671", "592", "852", "504", "385", "509", "36", "62", "44", "91", "246", "353", "98", "964", "354",
            "972", "39", "1876", "44", "962", "81", "76", "77", "254", "996", "855", "686", "1869", "82", "383", "965",
            "856", "961", "231", "218", "1758", "423", "94", "266", "370", "352", "371", "853", "590", "212", "377",
            "373", "261", "960", "52", "692", "389", "223", "356", "95", "382", "976", "1670", "258", "222", "1664",
            "596", "230", "265", "60", "262", "264", "687", "227", "672", "234", "505", "683", "31", "47", "977",
            "674", "64", "968", "92", "507", "64", "51", "63", "680", "675", "48", "1787", "1939", "850", "351", "595",
            "970", "689", "974", "262", "40", "7", "250", "966", "249", "221", "65", "500", "4779", "677", "232", "503",
            "378", "252", "508", "381", "211", "239", "597", "421", "386", "46", "268", "1721", "248", "963", "1649",
            "235", "228", "66", "992", "690", "993", "670", "676", "1868", "216", "90", "688", "886", "255", "256",
            "380", "598", "1", "998", "3906698", "379", "1784", "58", "1284", "1340", "84", "678", "681", "685", "967",
            "27", "260", "263") + ")(9[976]\\d|8[987530]\\d|6[987]\\d|5[90]\\d|42\\d|3[875]\\d"
            + "|2[98654321]\\d|9[8543210]|8[6421]|6[6543210]|5[87654321]|4[987654310]|3[9643210]|2[70]|7|1)\\d{4,20}$");

    private final FeelExpressions feel;

    FormRules(FeelExpressions feel) {
        this.feel = feel;
    }

    /**
     * @param values the value of a variable by name, as the task sees it after the submission
     * @param context all variables, for the form's FEEL expressions (empty when the form has none)
     */
    List<FieldProblem> check(DeployedForm form, Function<String, Object> values, Map<String, Object> context) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FormField field : form.fields()) {
            Object given = values.apply(field.key());
            Object value = PlainValues.of(given);
            Optional<Boolean> hidden = hidden(field, context);
            if (hidden.orElse(false)) {
                continue;
            }
            boolean required = field.required() && hidden.isPresent();
            notJson(field, given, value).or(() -> problem(field, value, required, values, context))
                    .ifPresent(problem -> problems.add(new FieldProblem(field.key(), field.named(), problem)));
        }
        return problems;
    }

    /**
     * What a submission is refused for, as {@link SubmissionCheck} checks it: each required field left at nothing is
     * given its default first ({@link #leftAtTheirDefault}, through {@code giveDefault}, which {@code values} then
     * reads), then the form's rules ({@link #check}).
     */
    List<FieldProblem> refusals(DeployedForm form, Function<String, Object> values, Map<String, Object> context,
                                BiConsumer<String, Object> giveDefault) {
        for (FormField field : leftAtTheirDefault(form, values, context)) {
            giveDefault.accept(field.key(), field.defaultValue());
        }
        return check(form, values, context);
    }

    /**
     * The required fields that have a {@code defaultValue}, are shown, and that the task has no value for: form-js
     * starts such a field at its default and submits it, so a client that leaves it out (the REST API) is given the
     * default instead of a refusal. The Resolve form's documented cost is one: the case has no cost until Resolve.
     */
    List<FormField> leftAtTheirDefault(DeployedForm form, Function<String, Object> values, Map<String, Object> context) {
        List<FormField> defaulted = new ArrayList<>();
        for (FormField field : form.fields()) {
            if (field.required() && field.defaultValue() != null && isEmpty(PlainValues.of(values.apply(field.key())))
                    && hidden(field, context).equals(Optional.of(false))) {
                defaulted.add(field);
            }
        }
        return defaulted;
    }

    /**
     * Whether the field is read-only for these values (form-js evaluates its {@code readonly} on what is entered);
     * read-only when its expression cannot be evaluated.
     */
    boolean readonly(FormField field, Map<String, Object> context) {
        return field.readonlyWhen() != null && feel.isTrue(field.readonlyWhen(), context).orElse(true);
    }

    /** Whether the field's {@code conditional.hide} (or a group's around it) hides it; empty when it cannot be told. */
    Optional<Boolean> hidden(FormField field, Map<String, Object> context) {
        boolean hidden = false;
        for (String condition : field.hideConditions()) {
            Optional<Boolean> result = feel.isTrue(condition, context);
            if (result.isEmpty()) {
                return Optional.empty();
            }
            hidden |= result.get();
        }
        return Optional.of(hidden);
    }

    private Optional<String> problem(FormField field, Object value, boolean required, Function<String, Object> values,
            Map<String, Object> context) {
        if (isEmpty(value)) {
            return required ? Optional.of("is required and cannot be empty or only spaces") : Optional.empty();
        }
        return switch (field.type()) {
            case "textfield", "textarea" -> text(withBounds(field, context), value);
            case "number" -> number(withBounds(field, context), value);
            case "checkbox" -> !(value instanceof Boolean checked)
                    ? Optional.of("must be true or false, not " + shown(value))
                    : required && !checked ? Optional.of("is required and must be checked (true)") : Optional.empty();
            case "radio", "select" -> isScalar(value) ? option(field, String.valueOf(value), values, context)
                    : Optional.of("must be one value, not " + shown(value));
            case "checklist", "taglist" -> value instanceof Collection<?> chosen ? options(field, chosen, values, context)
                    : Optional.of("must be a list of values, not " + shown(value));
            case "datetime" -> dateTime(field, value);
            default -> Optional.empty();
        };
    }

    /**
     * The field with its expression bounds evaluated on the values, as form-js evaluates them; a bound whose expression
     * gives no number (or 0, which form-js ignores) is not checked.
     */
    private FormField withBounds(FormField field, Map<String, Object> context) {
        if (field.boundExpressions().isEmpty()) {
            return field;
        }
        Function<String, BigDecimal> bound = name -> Optional.ofNullable(field.boundExpressions().get(name))
                .flatMap(expression -> feel.evaluate(expression, context)).filter(Number.class::isInstance)
                .map(number -> new BigDecimal(number.toString())).filter(number -> number.signum() != 0).orElse(null);
        BigDecimal min = bound.apply("min");
        BigDecimal max = bound.apply("max");
        BigDecimal minLength = bound.apply("minLength");
        BigDecimal maxLength = bound.apply("maxLength");
        return field.withBounds(min != null ? min : field.min(), max != null ? max : field.max(),
                minLength != null ? Integer.valueOf(minLength.intValue()) : field.minLength(),
                maxLength != null ? Integer.valueOf(maxLength.intValue()) : field.maxLength());
    }

    /**
     * A field that takes one value gets it as Tasklist sends it, never as JSON: a {@code Json} 250 read as no cost
     * where a number is read, like the text "250". Lists (checklist, taglist) come as JSON from Tasklist too.
     */
    private static Optional<String> notJson(FormField field, Object given, Object value) {
        String kind = switch (field.type()) {
            case "textfield", "textarea" -> "text";
            case "number" -> "a number";
            case "checkbox" -> "true or false";
            case "radio", "select" -> "one value";
            case "datetime" -> "a date or time as text";
            default -> null;
        };
        if (kind == null || isEmpty(value)) {
            return Optional.empty();
        }
        return PlainValues.jsonText(given)
                .map(json -> "must be " + kind + ", not the JSON value " + FieldChecks.excerpt(json));
    }

    static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String text && text.isBlank()
                || value instanceof Collection<?> list && list.isEmpty();
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static Optional<String> text(FormField field, Object value) {
        if (!(value instanceof String text)) {
            return Optional.of("must be text, not " + shown(value));
        }
        // form-js counts a text's length without the spaces at either end, as JavaScript's trim() cuts them.
        String counted = trimmedAsJavaScript(text);
        if (field.minLength() != null && counted.length() < field.minLength()) {
            return Optional.of("must be at least " + field.minLength() + " characters, not " + counted.length());
        }
        if (field.maxLength() != null) {
            Optional<String> tooLong = FieldChecks.tooLong(counted, field.maxLength());
            if (tooLong.isPresent()) {
                return tooLong;
            }
        }
        if (field.pattern() != null && !matches(field.pattern(), text)) {
            return Optional.of("must match the pattern " + field.pattern());
        }
        if ("email".equals(field.validationType()) && !EMAIL.matcher(text).find()) {
            return Optional.of("must be an email address such as jane@example.org, not " + shown(text));
        }
        if ("phone".equals(field.validationType()) && !PHONE.matcher(text).find()) {
            return Optional.of("must be an international phone number such as +4930664040900, not " + shown(text));
        }
        return Optional.empty();
    }

    /**
     * The text without what JavaScript's {@code String.prototype.trim} cuts from either end: white space (tab, vertical
     * tab, form feed, space, no-break space, U+FEFF and every space separator) and line terminators (LF, CR, U+2028,
     * U+2029). Java's {@code strip()} keeps the no-break spaces and U+FEFF.
     */
    static String trimmedAsJavaScript(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJavaScriptSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJavaScriptSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isJavaScriptSpace(char c) {
        return c == '\t' || c == 0x0B || c == '\f' || c == '\n' || c == '\r' || c == 0xFEFF
                || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** form-js tests a pattern as a JavaScript RegExp does: found anywhere unless the pattern anchors it. */
    private static boolean matches(String pattern, String text) {
        try {
            return JavaScriptPatterns.compile(pattern).matcher(text).find();
        } catch (PatternSyntaxException notJava) {
            return true;
        }
    }

    /**
     * A number, as form-js submits it: text only where the field serializes to text ({@code serializeToString}).
     * Elsewhere Tasklist sends a number, and every reader takes the variable as one: a cost sent as text "250" was
     * read as no cost, and the customer was offered a reimbursement of 0.
     */
    private static Optional<String> number(FormField field, Object value) {
        BigDecimal number;
        if (value instanceof Number given) {
            number = new BigDecimal(given.toString());
        } else if (value instanceof String && !field.serializeToString()) {
            return Optional.of("must be a number, not the text " + shown(value));
        } else if (value instanceof String text) {
            try {
                number = new BigDecimal(text.strip());
            } catch (NumberFormatException notANumber) {
                return Optional.of("must be a number, not " + shown(value));
            }
        } else {
            return Optional.of("must be a number, not " + shown(value));
        }
        if (field.min() != null && number.compareTo(field.min()) < 0) {
            return Optional.of("must be at least " + field.min().toPlainString() + ", not " + number.toPlainString());
        }
        if (field.max() != null && number.compareTo(field.max()) > 0) {
            return Optional.of("must be at most " + field.max().toPlainString() + ", not " + number.toPlainString());
        }
        if (field.decimalDigits() != null && Math.max(number.stripTrailingZeros().scale(), 0) > field.decimalDigits()) {
            return Optional.of(field.decimalDigits() == 0 ? "must be a whole number, not " + number.toPlainString()
                    : "must have at most " + field.decimalDigits() + " decimal digits, not " + number.toPlainString());
        }
        if (field.increment() != null && number.remainder(field.increment()).signum() != 0) {
            return Optional.of("must be a multiple of " + field.increment().toPlainString() + ", not "
                    + number.toPlainString());
        }
        return Optional.empty();
    }

    private Optional<String> option(FormField field, String chosen, Function<String, Object> values,
            Map<String, Object> context) {
        return allowed(field, values, context).flatMap(allowed -> FieldChecks.notOneOf(chosen, allowed));
    }

    private Optional<String> options(FormField field, Collection<?> chosen, Function<String, Object> values,
            Map<String, Object> context) {
        Optional<Set<String>> allowed = allowed(field, values, context);
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        for (Object each : chosen) {
            Optional<String> problem = FieldChecks.notOneOf(String.valueOf(each), allowed.get());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** The options a person could pick from; empty when they come from an expression that cannot be evaluated. */
    private Optional<Set<String>> allowed(FormField field, Function<String, Object> values,
            Map<String, Object> context) {
        if (!field.hasOptions()) {
            return Optional.empty();
        }
        if (!field.options().isEmpty()) {
            return Optional.of(Set.copyOf(field.options()));
        }
        if (field.valuesKey() != null) {
            return Optional.of(optionValues(PlainValues.of(values.apply(field.valuesKey()))));
        }
        return feel.evaluate(field.valuesExpression(), context).map(PlainValues::of)
                .filter(Collection.class::isInstance).map(this::optionValues);
    }

    /** form-js options: a list of {@code {label, value}}, or of plain values. */
    private Set<String> optionValues(Object list) {
        Set<String> values = new LinkedHashSet<>();
        if (list instanceof Collection<?> options) {
            for (Object option : options) {
                Object value = option instanceof Map<?, ?> labelled ? labelled.get("value") : option;
                if (value != null) {
                    values.add(String.valueOf(value));
                }
            }
        }
        return values;
    }

    /**
     * A date field takes a day, a time field a clock time, as form-js submits them; a moment (a {@code Date}) only
     * where the field asks for a date and a time: a payment day sent as a moment reached the customer as
     * "Mon Nov 23 23:00:00 UTC 2026", the day before in the team's time zone.
     */
    private static Optional<String> dateTime(FormField field, Object value) {
        String subtype = field.subtype() == null ? "date" : field.subtype();
        boolean fits = switch (subtype) {
            case "time" -> value instanceof LocalTime || value instanceof OffsetTime;
            case "datetime" -> value instanceof java.util.Date || value instanceof java.time.temporal.Temporal;
            default -> value instanceof LocalDate;
        };
        if (fits) {
            return Optional.empty();
        }
        String expected = switch (subtype) {
            case "time" -> "a time such as 14:30 or 14:30+01:00";
            case "datetime" -> "a date and time such as 2026-12-03T14:30+01:00";
            default -> "a date such as 2026-12-03";
        };
        if (!(value instanceof String text) || !parses(subtype, text.strip())) {
            return Optional.of("must be " + expected + ", not " + (value instanceof java.util.Date moment
                    ? "the moment " + moment.toInstant() : shown(value)));
        }
        return Optional.empty();
    }

    private static boolean parses(String subtype, String text) {
        List<Function<String, Object>> formats = switch (subtype) {
            case "time" -> List.of(LocalTime::parse, OffsetTime::parse);
            case "datetime" -> List.of(OffsetDateTime::parse, LocalDateTime::parse);
            default -> List.of(LocalDate::parse);
        };
        for (Function<String, Object> format : formats) {
            try {
                format.apply(text);
                return true;
            } catch (DateTimeParseException notThisFormat) {
                // try the next form-js serialization
            }
        }
        return false;
    }

    private static String shown(Object value) {
        return value instanceof String text ? "'" + FieldChecks.excerpt(text) + "'"
                : FieldChecks.excerpt(String.valueOf(value));
    }
}
