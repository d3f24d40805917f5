package com.followthrough.formcheck;

import java.math.BigDecimal;
import java.util.List;

/**
 * One input of a deployed Camunda Form, as far as the server checks it: the variable it writes ({@code key}), its
 * kind ({@code textfield}, {@code radio}, ...), the label a person reads, and the rules the designer set in the
 * Modeler. {@code options} are the static {@code values}; {@code valuesKey} and {@code valuesExpression} name where
 * the options come from at run time instead. {@code hideConditions} are its own {@code conditional.hide} FEEL
 * expression and those of the groups around it. A number field's {@code decimalDigits} and {@code increment} are
 * checked by form-js too; {@code serializeToString} makes form-js submit the number as text. {@code readonlyWhen} is
 * its {@code readonly}: {@code "=true"}, a FEEL expression, or null for a field a person may change.
 * {@code validationType} is a text field's {@code validate.validationType}: {@code email} or {@code phone}.
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
        String validationType) {

    /** How the field is named in a refusal: the label a person sees in Tasklist first, then the variable. */
    String named() {
        return label == null || label.isBlank() ? key : "\"" + label.strip() + "\" (" + key + ")";
    }

    boolean hasOptions() {
        return !options.isEmpty() || valuesKey != null || valuesExpression != null;
    }
}
