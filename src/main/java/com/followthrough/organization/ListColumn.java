package com.followthrough.organization;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;

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

    /** The value as people read it: a plan or language in words ("Premium", "German"), the rest as the case has it. */
    public String shown(VariableScope task) {
        String value = caseVariable.text(task);
        if (caseVariable == CaseVariable.PLAN) {
            return Plan.of(value).map(Plan::word).orElse(value);
        }
        return caseVariable == CaseVariable.LANGUAGE ? Language.words(value) : value;
    }
}
