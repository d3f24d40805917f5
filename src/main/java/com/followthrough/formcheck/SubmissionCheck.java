package com.followthrough.formcheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.AsTheApplication;
import com.followthrough.formcheck.RefusedSubmissionException.FieldProblem;

/**
 * On {@code complete}, checks the task's values against its deployed form (and on a start, the start variables
 * against the start form, {@link #notifyStart}), whichever client completes it (Tasklist,
 * {@code /engine-rest/task/{id}/complete} or {@code submit-form}, or the Java API): the submitted variables are set
 * before this listener runs, so it sees what the task would be completed with. A value the case already has for a
 * field counts, as Tasklist fills the form with it; a required field with a default that has no value gets its
 * default, as form-js would have submitted it. A refusal rolls the whole completion back.
 */
@Component
class SubmissionCheck implements TaskListener {

    private final DeployedForms forms;
    private final FormRules rules;

    SubmissionCheck(DeployedForms forms, FormRules rules) {
        this.forms = forms;
        this.rules = rules;
    }

    @Override
    public void notify(DelegateTask task) {
        FormService formService = task.getProcessEngineServices().getFormService();
        check(forms.of(formService, task.getId()), task,
                name -> formService.getTaskFormVariables(task.getId(), List.of(name), false).getValueTyped(name),
                "Not saved");
    }

    /**
     * On a process's start event with a Camunda start form: the start variables, set before the event starts,
     * against that form, whoever starts it (Tasklist, {@code /engine-rest}, the Java API). The form is read for the
     * engine: the check is the process's, not the starter's.
     */
    void notifyStart(DelegateExecution execution) {
        FormService formService = execution.getProcessEngineServices().getFormService();
        String definition = execution.getProcessDefinitionId();
        DeployedForm form = AsTheApplication.run(execution.getProcessEngineServices().getIdentityService(),
                () -> forms.ofStart(formService, definition));
        check(form, execution,
                name -> formService.getStartFormVariables(definition, List.of(name), false).getValueTyped(name),
                "Not started");
    }

    /**
     * The options of a select ({@code valuesKey}) are what the form is given when it is read, as Tasklist showed them
     * ({@code optionsReadWithTheForm}): a value computed with the form (the colleagues a takeover form offers) hides a
     * variable of the same name that a task of an earlier version holds. Every other value is the variable.
     */
    private void check(DeployedForm form, VariableScope variables, Function<String, Object> optionsReadWithTheForm,
                       String outcome) {
        Map<String, Object> context = new HashMap<>();
        if (form.hasExpressions()) {
            variables.getVariables().forEach((name, value) -> context.put(name, PlainValues.of(value)));
        }
        Set<String> optionsKeys = form.optionsKeys();
        Function<String, Object> values = name -> optionsKeys.contains(name) ? optionsReadWithTheForm.apply(name)
                : variables.getVariable(name);
        List<FieldProblem> problems = rules.refusals(form, values, context, variables::setVariable);
        if (!problems.isEmpty()) {
            throw new RefusedSubmissionException(outcome, problems);
        }
    }
}
