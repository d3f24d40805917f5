package com.followthrough.formcheck;

import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.RefusedEntryException;

/**
 * The variables a task's Camunda Form submits ({@link DeployedForm#submitted()}), from the deployed form that
 * Tasklist renders for the task: what a submission over REST may set. Read for the engine, whoever asks, so that the
 * answer does not depend on the caller's grants on the form.
 */
@Component
public class TaskFormFields {

    private final DeployedForms forms;

    TaskFormFields(DeployedForms forms) {
        this.forms = forms;
    }

    /**
     * The variables the task's form submits: none when the task has no Camunda Form (a task created through the API,
     * or one with another kind of form), empty when there is no such task.
     *
     * @throws RefusedEntryException when the task's form is not deployed or not readable
     */
    public Optional<Set<String>> of(ProcessEngine engine, String taskId) {
        return DeployedForms.asEngine(engine.getIdentityService(), () -> {
            Task task = engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
            if (task == null) {
                return Optional.empty();
            }
            String formRef = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
            if (!FormCheckPlugin.namesCamundaForm(formRef, task.getFormKey())) {
                return Optional.of(Set.of());
            }
            return Optional.of(forms.of(engine.getFormService(), taskId).submitted());
        });
    }
}
