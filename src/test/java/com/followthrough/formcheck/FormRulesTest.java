package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.formcheck.RefusedSubmissionException.FieldProblem;

/** The rules a designer can set in the Modeler, each read from form-js JSON and applied as form-js would. */
class FormRulesTest {

    private final FormRules rules = new FormRules(new FeelExpressions());
    private final ObjectMapper json = new ObjectMapper();

    private DeployedForm form(String components) throws Exception {
        return DeployedForm.read(json.readTree("{\"id\": \"test-form\", \"components\": [" + components.replace('\'', '"') + "]}"));
    }

    private List<String> problems(DeployedForm form, Map<String, Object> values) {
        return rules.check(form, values::get, values).stream().map(FieldProblem::toString).toList();
    }

    @Test
    void patternAndLengthsOfATextField() throws Exception {
        DeployedForm form = form("{'type': 'textfield', 'key': 'email', 'label': 'Email',"
                + " 'validate': {'pattern': '^[^@]+@[^@]+$', 'minLength': 5, 'maxLength': 12}}");

        assertThat(problems(form, Map.of("email", "a@b.org"))).isEmpty();
        assertThat(problems(form, Map.of("email", "no-at-sign"))).containsExactly("\"Email\" (email) must match the pattern ^[^@]+@[^@]+$");
        assertThat(problems(form, Map.of("email", "a@b"))).containsExactly("\"Email\" (email) must be at least 5 characters, not 3");
        assertThat(problems(form, Map.of("email", "abc@defghijkl"))).containsExactly("\"Email\" (email) must be at most 12 characters, not 13");
        assertThat(problems(form, Map.of())).as("not required").isEmpty();
    }

    /** form-js refuses a required checkbox left unchecked ("Field is required"), as it refuses an empty text. */
    @Test
    void aRequiredCheckboxMustBeChecked() throws Exception {
        DeployedForm form = form("{'type': 'checkbox', 'key': 'consent', 'label': 'I agree',"
                + " 'validate': {'required': true}}, {'type': 'checkbox', 'key': 'newsletter'}");

        assertThat(problems(form, Map.of("consent", true, "newsletter", false))).isEmpty();
        assertThat(problems(form, Map.of("consent", false)))
                .containsExactly("\"I agree\" (consent) is required and must be checked (true)");
        assertThat(problems(form, Map.of()))
                .containsExactly("\"I agree\" (consent) is required and cannot be empty or only spaces");
    }

    /**
     * form-js tests a pattern with JavaScript's {@code new RegExp(pattern).test(value)}: its {@code \\s} takes the
     * no-break space, U+FEFF and every Unicode space, its {@code $} only the end of the text, and its {@code .} any
     * character but a line terminator. Java reads all three otherwise: the start form's email pattern let an address
     * pasted with a trailing no-break space through, which Tasklist refuses, and no mail reaches such an address.
     */
    @Test
    void aPatternIsReadAsJavaScriptReadsIt() throws Exception {
        DeployedForm form = form("{'type': 'textfield', 'key': 'customerEmail',"
                + " 'validate': {'pattern': '^[^\\\\s@]+@[^\\\\s@]+\\\\.[^\\\\s@]+$'}},"
                + " {'type': 'textfield', 'key': 'code', 'validate': {'pattern': '^A.B$'}},"
                + " {'type': 'textfield', 'key': 'word', 'validate': {'pattern': '^\\\\S+$'}}");
        String refused = "customerEmail must match the pattern ^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$";

        assertThat(problems(form, Map.of("customerEmail", "jane@example.org", "code", "AxB", "word", "jane")))
                .isEmpty();
        for (String email : List.of("jane@example.org\u00a0", "jane\u00a0doe@example.org", "jane@exa\ufeffmple.org",
                "jane@example.org\u2028", "jane@example.org\u3000", "jane@example.org\n")) {
            assertThat(problems(form, Map.of("customerEmail", email))).as(email).containsExactly(refused);
        }
        assertThat(problems(form, Map.of("code", "A\u0085B"))).as("NEL is no line terminator to JavaScript").isEmpty();
        assertThat(problems(form, Map.of("code", "A\u2028B"))).containsExactly("code must match the pattern ^A.B$");
        assertThat(problems(form, Map.of("word", "jane\u00a0doe")))
                .containsExactly("word must match the pattern ^\\S+$");
        assertThat(problems(form, Map.of("word", "jane\u0085doe"))).as("NEL is no JavaScript space").isEmpty();
    }

    /** form-js checks {@code value.trim().length}: what Tasklist accepts, the server accepts, and what it refuses. */
    @Test
    void lengthsAreCountedWithoutTheSpacesAtEitherEndAsFormJsCountsThem() throws Exception {
        DeployedForm form = form("{'type': 'textfield', 'key': 'code', 'validate': {'minLength': 3, 'maxLength': 5}}");

        assertThat(problems(form, Map.of("code", "  ab  ")))
                .containsExactly("code must be at least 3 characters, not 2");
        assertThat(problems(form, Map.of("code", " abcde\n"))).isEmpty();
        assertThat(problems(form, Map.of("code", "\u00a0\u3000abcde\ufeff\u2028")))
                .as("JavaScript's trim: no-break and ideographic spaces, U+FEFF, line separators").isEmpty();
        assertThat(problems(form, Map.of("code", "\u200babcde")))
                .as("a zero-width space is no white space to JavaScript")
                .containsExactly("code must be at most 5 characters, not 6");
        assertThat(problems(form, Map.of("code", "a  b"))).as("spaces inside count").isEmpty();
    }

    /** The Modeler's "Validation pattern: Email / Phone" is form-js's own check; the server applies the same. */
    @Test
    void aTextFieldsValidationTypeIsChecked() throws Exception {
        DeployedForm form = form("{'type': 'textfield', 'key': 'email', 'validate': {'validationType': 'email'}},"
                + "{'type': 'textfield', 'key': 'phone', 'validate': {'validationType': 'phone'}}");

        assertThat(problems(form, Map.of("email", "jane.doe@example.org", "phone", "+4930664040900"))).isEmpty();
        assertThat(problems(form, Map.of("email", "jane@", "phone", "030 664040900"))).containsExactly(
                "email must be an email address such as jane@example.org, not 'jane@'",
                "phone must be an international phone number such as +4930664040900, not '030 664040900'");
    }

    /** A bound the Modeler takes as a FEEL expression is evaluated on the case's values, as form-js does. */
    @Test
    void boundsGivenAsExpressionsAreEvaluatedOnTheValues() throws Exception {
        DeployedForm form = form("{'type': 'number', 'key': 'refund', 'validate': {'max': '=paid'}},"
                + "{'type': 'textfield', 'key': 'note', 'validate': {'minLength': '=minimum'}}");

        assertThat(problems(form, Map.of("refund", 100, "paid", 100, "note", "abc", "minimum", 3))).isEmpty();
        assertThat(problems(form, Map.of("refund", 120, "paid", 100, "note", "ab", "minimum", 3))).containsExactly(
                "refund must be at most 100, not 120", "note must be at least 3 characters, not 2");
    }

    @Test
    void numberBoundsAndNumbersSentAsText() throws Exception {
        DeployedForm form = form("{'type': 'number', 'key': 'amount', 'validate': {'min': 1, 'max': 10.5}}");
        DeployedForm asText = form("{'type': 'number', 'key': 'amount', 'serializeToString': true}");

        assertThat(problems(form, Map.of("amount", 10.5))).isEmpty();
        assertThat(problems(form, Map.of("amount", "3"))).as("form-js submits a number")
                .containsExactly("amount must be a number, not the text '3'");
        assertThat(problems(asText, Map.of("amount", "3"))).as("unless the field serializes it to text").isEmpty();
        assertThat(problems(asText, Map.of("amount", "three"))).containsExactly("amount must be a number, not 'three'");
        assertThat(problems(form, Map.of("amount", 11))).containsExactly("amount must be at most 10.5, not 11");
        assertThat(problems(form, Map.of("amount", 0L))).containsExactly("amount must be at least 1, not 0");
    }

    @Test
    void decimalDigitsAndIncrementOfANumberField() throws Exception {
        DeployedForm cents = form("{'type': 'number', 'key': 'cost', 'decimalDigits': 2}");
        DeployedForm whole = form("{'type': 'number', 'key': 'count', 'decimalDigits': 0, 'increment': '5'}");

        assertThat(problems(cents, Map.of("cost", 12.34))).isEmpty();
        assertThat(problems(cents, Map.of("cost", 12.5))).isEmpty();
        assertThat(problems(cents, Map.of("cost", 12.345)))
                .containsExactly("cost must have at most 2 decimal digits, not 12.345");
        assertThat(problems(whole, Map.of("count", 15))).isEmpty();
        assertThat(problems(whole, Map.of("count", 15.0))).as("a whole number sent as a double").isEmpty();
        assertThat(problems(whole, Map.of("count", 2.5))).containsExactly("count must be a whole number, not 2.5");
        assertThat(problems(whole, Map.of("count", 12))).containsExactly("count must be a multiple of 5, not 12");
    }

    @Test
    void aHugeValueIsNamedNotEchoedBack() throws Exception {
        DeployedForm form = form("{'type': 'radio', 'key': 'size', 'values': [{'value': 's'}]},"
                + "{'type': 'textfield', 'key': 'note'}, {'type': 'number', 'key': 'cost'}");
        String huge = "x".repeat(100_000);

        assertThat(problems(form, Map.of("size", huge, "note", Map.of("text", huge), "cost", huge)))
                .as("a refusal names the field and shows the start of the value, not 128 KB of it")
                .hasSize(3).allSatisfy(problem -> assertThat(problem).hasSizeLessThan(150).contains("xxx…"));
    }

    @Test
    void checklistValuesMustAllBeOptions() throws Exception {
        DeployedForm form = form("{'type': 'checklist', 'key': 'topics', 'validate': {'required': true},"
                + " 'values': [{'label': 'Billing', 'value': 'billing'}, {'label': 'Shipping', 'value': 'shipping'}]}");

        assertThat(problems(form, Map.of("topics", List.of("billing", "shipping")))).isEmpty();
        assertThat(problems(form, Map.of("topics", List.of("billing", "refund"))))
                .containsExactly("topics must be one of [billing, shipping], not 'refund'");
        assertThat(problems(form, Map.of("topics", List.of()))).containsExactly("topics is required and cannot be empty or only spaces");
        assertThat(problems(form, Map.of("topics", "billing"))).containsExactly("topics must be a list of values, not 'billing'");
    }

    @Test
    void optionsFromAVariableOrAnExpression() throws Exception {
        DeployedForm byKey = form("{'type': 'select', 'key': 'colleague', 'valuesKey': 'colleagues'}");
        DeployedForm byExpression = form("{'type': 'radio', 'key': 'size', 'valuesExpression': '=[\\\"s\\\", \\\"m\\\"]'}");
        Map<String, Object> values = new HashMap<>(Map.of("colleagues", List.of(Map.of("label", "Anna Clarke", "value", "anna"))));

        values.put("colleague", "anna");
        assertThat(problems(byKey, values)).isEmpty();
        values.put("colleague", "jonas");
        assertThat(problems(byKey, values)).containsExactly("colleague must be one of [anna], not 'jonas'");
        assertThat(problems(byExpression, Map.of("size", "m"))).isEmpty();
        assertThat(problems(byExpression, Map.of("size", "xl"))).containsExactly("size must be one of [m, s], not 'xl'");
    }

    @Test
    void dateTimeSubtypes() throws Exception {
        DeployedForm form = form("{'type': 'datetime', 'key': 'at', 'subtype': 'datetime'},"
                + "{'type': 'datetime', 'key': 'day', 'subtype': 'date'}, {'type': 'datetime', 'key': 'time', 'subtype': 'time'}");

        assertThat(problems(form, Map.of("at", "2026-12-03T14:30+01:00", "day", "2026-12-03", "time", "14:30"))).isEmpty();
        assertThat(problems(form, Map.of("at", "2026-12-03T13:30:00Z", "time", "14:30+01:00"))).isEmpty();
        assertThat(problems(form, Map.of("at", "tomorrow", "day", "03.12.2026", "time", 1430))).containsExactly(
                "at must be a date and time such as 2026-12-03T14:30+01:00, not 'tomorrow'",
                "day must be a date such as 2026-12-03, not '03.12.2026'",
                "time must be a time such as 14:30 or 14:30+01:00, not 1430");
        assertThat(problems(form, Map.of("at", new java.util.Date(0), "day", java.time.LocalDate.of(2026, 12, 3),
                "time", java.time.LocalTime.of(14, 30)))).as("values of their own kind through the Java API").isEmpty();
        assertThat(problems(form, Map.of("day", new java.util.Date(0),
                "time", java.time.LocalDateTime.of(2026, 12, 3, 14, 30))))
                .as("a moment is no day and no clock time: form-js sends neither").containsExactly(
                        "day must be a date such as 2026-12-03, not the moment 1970-01-01T00:00:00Z",
                        "time must be a time such as 14:30 or 14:30+01:00, not 2026-12-03T14:30");
    }

    @Test
    void aHiddenFieldIsNeitherRequiredNorChecked() throws Exception {
        DeployedForm form = form("{'type': 'radio', 'key': 'takeover', 'values': [{'value': 'myself'}, {'value': 'colleague'}]},"
                + "{'type': 'textfield', 'key': 'colleague', 'validate': {'required': true, 'maxLength': 3},"
                + " 'conditional': {'hide': '=takeover != \\\"colleague\\\"'}}");

        assertThat(problems(form, Map.of("takeover", "myself"))).isEmpty();
        assertThat(problems(form, Map.of("takeover", "myself", "colleague", "too long"))).isEmpty();
        assertThat(problems(form, Map.of("takeover", "colleague"))).containsExactly("colleague is required and cannot be empty or only spaces");
        assertThat(problems(form, Map.of())).as("no takeover: hidden, as form-js hides it").isEmpty();
    }

    @Test
    void aConditionThatCannotBeEvaluatedMakesTheFieldOptionalButItsValueIsStillChecked() throws Exception {
        DeployedForm form = form("{'type': 'group', 'conditional': {'hide': '=this is (not feel'}, 'components': ["
                + "{'type': 'textfield', 'key': 'note', 'validate': {'required': true, 'maxLength': 3}}]}");

        assertThat(problems(form, Map.of())).isEmpty();
        assertThat(problems(form, Map.of("note", "four"))).containsExactly("note must be at most 3 characters, not 4");
    }

    @Test
    void displayOnlyAndDisabledComponentsAreNotChecked() throws Exception {
        DeployedForm form = form("{'type': 'text', 'text': 'Hello'}, {'type': 'separator'},"
                + "{'type': 'textfield', 'key': 'locked', 'disabled': true, 'validate': {'required': true}}");

        assertThat(form.fields()).isEmpty();
    }
}
