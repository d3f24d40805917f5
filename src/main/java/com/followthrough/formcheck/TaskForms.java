package com.followthrough.formcheck;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

import com.followthrough.AsTheApplication;
import com.followthrough.RefusedEntryException;

/**
 * The names a task's Camunda Form mentions ({@link DeployedForm#names()}), read from the form Tasklist renders for it
 * ({@link DeployedForms}), so that a step writes for its form only what the form shows. Read once per task definition
 * (process definition and task id), not per task, and forgotten whenever this node deploys or loads a deployment
 * ({@link FormCheckPlugin}): a form bound as {@code latest} may be another form after a deployment. A form deployed on
 * another node is read here once this node loads that deployment, which Tasklist does when it shows the form. Deleting
 * a deployment runs no deployer: what was read stays until the next deployment or restart.
 */
@Component
public class TaskForms {

    private final DeployedForms forms;
    private final Map<String, Optional<Set<String>>> namesByTaskDefinition = new ConcurrentHashMap<>();

    TaskForms(DeployedForms forms) {
        this.forms = forms;
    }

    /**
     * The names the task's form mentions; none known (empty) when the task has no Camunda Form, the form is not
     * deployed, or the model names it with an expression, which may name another form for every task.
     */
    public Optional<Set<String>> namesInForm(DelegateTask task) {
        String definition = task.getProcessDefinitionId() + "|" + task.getTaskDefinitionKey();
        Optional<Set<String>> known = namesByTaskDefinition.get(definition);
        if (known != null) {
            return known;
        }
        UserTask userTask = task.getBpmnModelElementInstance();
        if (userTask == null || !FormCheckPlugin.namesCamundaForm(userTask.getCamundaFormRef(), userTask.getCamundaFormKey())
                || isExpression(userTask.getCamundaFormRef()) || isExpression(userTask.getCamundaFormRefVersion())
                || userTask.getCamundaFormRef() == null && isExpression(userTask.getCamundaFormKey())) {
            namesByTaskDefinition.put(definition, Optional.empty());
            return Optional.empty();
        }
        try {
            Optional<Set<String>> names = Optional.of(readAsEngine(task).names());
            namesByTaskDefinition.put(definition, names);
            return names;
        } catch (RefusedEntryException notReadable) {
            // Not kept: the form may be deployed by the next task.
            return Optional.empty();
        }
    }

    /**
     * The form is read for the engine, not for whoever made the step that created the task: a supervisors' task that
     * an agent's step creates is not the agent's to read, and the form must be known all the same.
     */
    private DeployedForm readAsEngine(DelegateTask task) {
        return AsTheApplication.run(task.getProcessEngineServices().getIdentityService(),
                () -> forms.of(task.getProcessEngineServices().getFormService(), task.getId()));
    }

    void forgetAll() {
        namesByTaskDefinition.clear();
    }

    private static boolean isExpression(String value) {
        return value != null && (value.contains("${") || value.contains("#{"));
    }
}
