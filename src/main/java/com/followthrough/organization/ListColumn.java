package com.followthrough.organization;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.followthrough.vocabulary.CaseVariable;

/**
 * A column the Tasklist filters show beside a task's name: a task variable ({@code variable}) that Tasklist's
 * presentation copies from the case onto every task. They are task variables because an agent may read the tasks
 * offered to them but not every case's variables (engine authorizations), and the list shows only variables its
 * reader may read.
 */
public record ListColumn(String variable, String label, CaseVariable<String> caseVariable) {

    public static final List<ListColumn> ALL = List.of(
            new ListColumn("listCase", "Case", CaseVariable.CASE_REFERENCE),
            new ListColumn("listCustomer", "Customer", CaseVariable.CUSTOMER_NAME),
            new ListColumn("listPlan", "Plan", CaseVariable.PLAN),
            new ListColumn("listLanguage", "Language", CaseVariable.LANGUAGE));

    /** The value as people read it: a language by its name ("German"), anything else as the case has it. */
    public String shown(VariableScope task) {
        String value = caseVariable.text(task);
        return caseVariable == CaseVariable.LANGUAGE && !value.isEmpty()
                ? Locale.forLanguageTag(value).getDisplayLanguage(Locale.ENGLISH) : value;
    }
}
