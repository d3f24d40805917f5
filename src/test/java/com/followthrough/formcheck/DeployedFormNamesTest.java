package com.followthrough.formcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The names a deployed form mentions, wherever form-js reads a variable: a text component's template, a label's or a
 * default's expression, a condition, nested in a group. A task writes for its form only what it names (TaskForms).
 * And the variables form-js submits for it, which are all a submission over REST may set (access.FormFieldsOnly).
 */
class DeployedFormNamesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFormNamesTheVariablesOfItsTemplatesLabelsConditionsAndGroups() throws Exception {
        DeployedForm form = DeployedForm.read(json.readTree("""
                {"id": "answer", "components": [
                  {"type": "text", "text": "{{caseHeader}}"},
                  {"type": "text", "text": "#### The customer wrote\\n> {{shownInboundText}}"},
                  {"type": "textfield", "key": "answer", "label": "=\\"Answer \\" + shownCustomerName"},
                  {"type": "group", "components": [
                    {"type": "text", "text": "{{#if rating}}Rated {{rating}}{{/if}}",
                     "conditional": {"hide": "=shownSatisfactionComment = null"}}
                  ]}
                ]}"""));

        assertThat(form.names()).contains("caseHeader", "shownInboundText", "shownCustomerName", "rating",
                "shownSatisfactionComment", "answer");
    }

    @Test
    void aNameInsideAnotherIsNotNamed() throws Exception {
        DeployedForm form = DeployedForm.read(json.readTree("""
                {"id": "call", "components": [{"type": "text", "text": "Call {{shownCustomerNameLong}}"}]}"""));

        assertThat(form.names()).contains("shownCustomerNameLong").doesNotContain("shownCustomerName");
    }

    @Test
    void aFormSubmitsTheKeysOfItsEnabledFieldsAndTheTopOfEachNestedPath() throws Exception {
        DeployedForm form = DeployedForm.read(json.readTree("""
                {"id": "resolve", "components": [
                  {"type": "text", "text": "{{caseHeader}}"},
                  {"type": "textarea", "key": "summary", "conditional": {"hide": "=outcome = null"}},
                  {"type": "select", "key": "colleague", "valuesKey": "colleagues"},
                  {"type": "textfield", "key": "shownReference", "disabled": true},
                  {"type": "number", "key": "cost.amount"},
                  {"type": "expression", "key": "total", "expression": "=1 + 1"},
                  {"type": "group", "components": [{"type": "checkbox", "key": "confirmed"}]},
                  {"type": "group", "path": "address", "components": [{"type": "textfield", "key": "city"}]},
                  {"type": "dynamiclist", "path": "items", "components": [{"type": "textfield", "key": "item"}]}
                ]}"""));

        assertThat(form.submitted())
                .containsExactlyInAnyOrder("summary", "colleague", "cost", "total", "confirmed", "address", "items");
    }
}
