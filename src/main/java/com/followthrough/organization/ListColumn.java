package com.followthrough.organization;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;

/**
 * A column the Tasklist filters show beside a task's name, whose name already says what to do and for which case
 * ("Call back Jane Doe — SC-2026-000042"): a task variable ({@code variable}) that Tasklist's presentation copies from
 * the case onto every task. They are task variables because an agent may read the tasks offered to them but not every
 * case's variables (engine authorizations), and the list shows only variables its reader may read.
 *
 * <p>Two columns, the two a Tasklist card shows without folding: <i>Customer</i> and <i>Plan, language</i> ("Premium ·
 * German"). Each column is a row written on every task a case creates, a timer's escalation among them (issue 16), so
 * the reference, which every task's name ends with, has none: a person finds a case's tasks with Tasklist's search by
 * its reference, the business key of every instance the case runs.
 */
public record ListColumn(String variable, String label, List<CaseVariable<String>> parts) {

    public static final List<ListColumn> ALL = List.of(
            new ListColumn("listCustomer", "Customer", List.of(CaseVariable.CUSTOMER_NAME)),
            new ListColumn("listPlan", "Plan, language", List.of(CaseVariable.PLAN, CaseVariable.LANGUAGE)));

    /** The columns of earlier versions: tasks created before still hold them, and no filter shows them. */
    public static final List<String> RETIRED = List.of("listCase", "listLanguage");

    /** The value as people read it: a plan or language in words ("Premium · German"); a part the case lacks left out. */
    public String shown(VariableScope task) {
        return parts.stream().map(part -> inWords(part, part.text(task))).filter(value -> !value.isBlank())
                .collect(Collectors.joining(" · "));
    }

    private static String inWords(CaseVariable<String> part, String value) {
        if (part == CaseVariable.PLAN) {
            return Plan.of(value).map(Plan::word).orElse(value);
        }
        return part == CaseVariable.LANGUAGE ? Language.words(value) : value;
    }
}
