package com.followthrough.formcheck;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One input of a deployed Camunda Form, as far as the server checks it: the variable it writes ({@code key}), its
 * kind ({@code textfield}, {@code radio}, ...), the label a person reads, and the rules the designer set in the
 * Modeler. {@code options} are the static {@code values}; {@code valuesKey} and {@code valuesExpression} name where
 * the options come from at run time instead. {@code hideConditions} are its own {@code conditional.hide} FEEL
 * expression and those of the groups around it. A number field's {@code decimalDigits} and {@code increment} are
 * checked by form-js too; {@code serializeToString} makes form-js submit the number as text. {@code readonlyWhen} is
 * its {@code readonly}: {@code "=true"}, a FEEL expression, or null for a field a person may change.
 * {@code validationType} is a text field's {@code validate.validationType}: {@code email} or {@code phone}.
 * {@code boundExpressions} are the bounds ({@code min}, {@code max}, {@code minLength}, {@code maxLength}) given as a
 * FEEL expression ({@code "=paidAmount"}) rather than a number, by name.
 */
record FormField(
        String key,
        String type,
        String label,
        boolean required,
        List<String> options,
        String valuesKey,
        String valuesExpression,
        BigDecimal min,
        BigDecimal max,
        Integer minLength,
        Integer maxLength,
        String pattern,
        String subtype,
        List<String> hideConditions,
        Object defaultValue,
        Integer decimalDigits,
        BigDecimal increment,
        boolean serializeToString,
        String readonlyWhen,
        String validationType,
        Map<String, String> boundExpressions) {

    /** How the field is named in a refusal: the label a person sees in Tasklist first, then the variable. */
    String named() {
        return label == null || label.isBlank() ? key : "\"" + label.strip() + "\" (" + key + ")";
    }

    /** The field with the bounds its expressions give for these values, as form-js evaluates them; those given. */
    FormField withBounds(BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength) {
        return new FormField(key, type, label, required, options, valuesKey, valuesExpression, min, max, minLength,
                maxLength, pattern, subtype, hideConditions, defaultValue, decimalDigits, increment, serializeToString,
                readonlyWhen, validationType, Map.of());
    }

    boolean hasOptions() {
        return !options.isEmpty() || valuesKey != null || valuesExpression != null;
    }
}
