package com.followthrough.formcheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.form.StartFormData;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.AsTheApplication;
import com.followthrough.RefusedEntryException;
import com.followthrough.formcheck.RefusedSubmissionException.FieldProblem;
import com.followthrough.vocabulary.FreshNotes;

/**
 * The variables a Camunda Form submits ({@link DeployedForm#submitted()}), from the deployed form that Tasklist
 * renders for a task or to start a process: what a submission over REST may set. Known to whoever may do what the
 * form is for (work the task, start the process); for anyone else there is nothing to know here, and the engine's own
 * answer to their request (403, 404) says so. The form is read for the engine, so that the answer does not depend on
 * the caller's grants on the form's deployment.
 */
@Component
public class FormFields {

    /** A process definition a start would start, and the variables its start form submits. */
    public record Start(String definitionId, Set<String> fields) {
    }

    /** The form of a task the caller may work, read once for what a submission to it may set. */
    public final class TaskForm {

        private final ProcessEngine engine;
        private final String taskId;
        private final String step;
        private final DeployedForm form;

        private TaskForm(ProcessEngine engine, Task task, DeployedForm form) {
            this.engine = engine;
            this.taskId = task.getId();
            this.step = task.getTaskDefinitionKey();
            this.form = form;
        }

        /** The variables the form submits: none when the task has no Camunda Form. */
        public Set<String> fields() {
            return form == null ? Set.of() : form.submitted();
        }

        /**
         * The fields given a value in {@code sent} (plain JSON by variable) that the form hides once it is entered,
         * each with the {@code conditional.hide} that hides it: form-js submits no value for a hidden field, so such a
         * value did not come from the form. The value the case already holds is not counted: a client may send the
         * form's variables back as it read them.
         */
        public Map<String, String> hiddenButSent(Map<String, Object> sent) {
            if (form == null || !form.hasExpressions()) {
                return Map.of();
            }
            return AsTheApplication.run(engine.getIdentityService(), () -> {
                Map<String, Object> held = held();
                Map<String, Object> entered = entered(held, sent);
                Map<String, String> hidden = new TreeMap<>();
                for (FormField field : form.fields()) {
                    Object value = entered.get(field.key());
                    if (sent.containsKey(field.key()) && !FormRules.isEmpty(value)
                            && !PlainValues.same(value, held.get(field.key()))
                            && rules.hidden(field, entered).orElse(false)) {
                        hidden.put(field.key(), String.join(" or ", field.hideConditions()));
                    }
                }
                return hidden;
            });
        }

        /**
         * The read-only fields ({@code readonly}, for what is entered) given a value in {@code sent} other than the one
         * form-js submits for them, which is the value it shows: the case's, or when the case has none, the field's
         * default or nothing. Each with why it is read-only: its expression, or {@code =true}.
         */
        public Map<String, String> readonlyButChanged(Map<String, Object> sent) {
            if (form == null || form.fields().stream().allMatch(field -> field.readonlyWhen() == null)) {
                return Map.of();
            }
            return AsTheApplication.run(engine.getIdentityService(), () -> {
                Map<String, Object> held = held();
                Map<String, Object> entered = entered(held, sent);
                Map<String, String> changed = new TreeMap<>();
                for (FormField field : form.fields()) {
                    if (!sent.containsKey(field.key()) || !rules.readonly(field, entered)) {
                        continue;
                    }
                    Object value = entered.get(field.key());
                    Object shown = held.get(field.key());
                    boolean asShown = FormRules.isEmpty(shown)
                            ? FormRules.isEmpty(value) || PlainValues.same(value, field.defaultValue())
                                    || "checkbox".equals(field.type()) && Boolean.FALSE.equals(value)
                            : PlainValues.same(value, shown);
                    if (!asShown) {
                        changed.put(field.key(), field.readonlyWhen());
                    }
                }
                return changed;
            });
        }

        /**
         * What a submission that sets {@code sent} (its variables by name, {@code values} as plain JSON) and leaves
         * out a note its step asks afresh ({@link FreshNotes}) is refused for on those notes: as a form submission, it
         * gave them empty, not the note the case holds from the step's earlier run ({@code
         * tasklist.FreshFields}), and is checked as {@link SubmissionCheck} checks a form submission. A {@code
         * complete}, whose variables the engine writes to the case, would otherwise pass on the case's note. Empty when
         * none is left out or the form takes each of them empty.
         */
        public Optional<RefusedSubmissionException> refusalOfFreshNotesLeftOut(Set<String> sent,
                                                                                Map<String, Object> values) {
            List<String> leftOut = freshNotesLeftOut(sent);
            if (leftOut.isEmpty()) {
                return Optional.empty();
            }
            return AsTheApplication.run(engine.getIdentityService(), () -> {
                Map<String, Object> entered = entered(held(), values);
                leftOut.forEach(field -> entered.put(field, null));
                List<FieldProblem> problems = rules.refusals(form, entered::get, entered, entered::put).stream()
                        .filter(problem -> leftOut.contains(problem.field())).toList();
                return problems.isEmpty() ? Optional.empty()
                        : Optional.of(new RefusedSubmissionException("Not saved", problems));
            });
        }

        /**
         * The notes its step asks afresh ({@link FreshNotes}). A form submission that leaves one out gave it empty
         * ({@code tasklist.FreshFields}); so is a {@code complete} that leaves one out given it, whose variables the
         * engine writes to the case, which would otherwise keep the note of the step's earlier run as this one's. None
         * when the task has no form, or is no step of a process (created through the API).
         */
        public List<String> freshNotes() {
            return form == null || step == null ? List.of() : FreshNotes.BY_STEP.getOrDefault(step, List.of());
        }

        private List<String> freshNotesLeftOut(Set<String> sent) {
            return freshNotes().stream().filter(field -> !sent.contains(field)).toList();
        }

        private Map<String, Object> held() {
            Map<String, Object> held = new HashMap<>();
            engine.getTaskService().getVariables(taskId)
                    .forEach((name, value) -> held.put(name, PlainValues.of(value)));
            return held;
        }

        private static Map<String, Object> entered(Map<String, Object> held, Map<String, Object> sent) {
            Map<String, Object> entered = new HashMap<>(held);
            sent.forEach((name, value) -> entered.put(name, PlainValues.of(value)));
            return entered;
        }
    }

    private final DeployedForms forms;
    private final FormRules rules;

    FormFields(DeployedForms forms, FormRules rules) {
        this.forms = forms;
        this.rules = rules;
    }

    /**
     * The task's form: one that submits nothing when the task has no Camunda Form (a task created through the API, or
     * one with another kind of form); empty when there is no such task or the caller may not work it.
     *
     * @throws RefusedEntryException when the task's form is not deployed or not readable
     */
    public Optional<TaskForm> ofTask(ProcessEngine engine, Authentication caller, String taskId) {
        return AsTheApplication.run(engine.getIdentityService(), () -> {
            Task task = engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
            if (task == null || !mayWork(engine, caller, task)) {
                return Optional.empty();
            }
            String formRef = task.getCamundaFormRef() == null ? null : task.getCamundaFormRef().getKey();
            if (!FormCheckPlugin.namesCamundaForm(formRef, task.getFormKey())) {
                return Optional.of(new TaskForm(engine, task, null));
            }
            return Optional.of(new TaskForm(engine, task, forms.of(engine.getFormService(), taskId)));
        });
    }

    /**
     * The process definition a start names, by id or by key (the latest version, of the tenant if one is named, as
     * Camunda's REST API resolves it), and the variables its start form submits: none when it has no Camunda start
     * form. Empty when there is no such definition or the caller may not start it.
     *
     * @throws RefusedEntryException when the start form is not deployed or not readable
     */
    public Optional<Start> ofStart(ProcessEngine engine, Authentication caller, String definitionId, String key,
                                   String tenantId) {
        return AsTheApplication.run(engine.getIdentityService(), () -> {
            ProcessDefinitionQuery query = engine.getRepositoryService().createProcessDefinitionQuery();
            if (definitionId != null) {
                query.processDefinitionId(definitionId);
            } else if (tenantId != null) {
                query.processDefinitionKey(key).tenantIdIn(tenantId).latestVersion();
            } else {
                query.processDefinitionKey(key).withoutTenantId().latestVersion();
            }
            ProcessDefinition definition = query.singleResult();
            if (definition == null || !isAuthorized(engine, caller, ProcessDefinitionPermissions.CREATE_INSTANCE,
                    Resources.PROCESS_DEFINITION, definition.getKey())) {
                return Optional.empty();
            }
            StartFormData start = engine.getFormService().getStartFormData(definition.getId());
            String formRef = start == null || start.getCamundaFormRef() == null ? null
                    : start.getCamundaFormRef().getKey();
            if (!FormCheckPlugin.namesCamundaForm(formRef, start == null ? null : start.getFormKey())) {
                return Optional.of(new Start(definition.getId(), Set.of()));
            }
            return Optional.of(new Start(definition.getId(),
                    forms.ofStart(engine.getFormService(), definition.getId()).submitted()));
        });
    }

    /** As the engine decides whether the caller may complete the task: work or update it, or its definition's tasks. */
    private static boolean mayWork(ProcessEngine engine, Authentication caller, Task task) {
        if (isAuthorized(engine, caller, TaskPermissions.TASK_WORK, Resources.TASK, task.getId())
                || isAuthorized(engine, caller, Permissions.UPDATE, Resources.TASK, task.getId())) {
            return true;
        }
        if (task.getProcessDefinitionId() == null) {
            return false;
        }
        String key = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getKey();
        return isAuthorized(engine, caller, ProcessDefinitionPermissions.TASK_WORK, Resources.PROCESS_DEFINITION, key)
                || isAuthorized(engine, caller, ProcessDefinitionPermissions.UPDATE_TASK,
                        Resources.PROCESS_DEFINITION, key);
    }

    private static boolean isAuthorized(ProcessEngine engine, Authentication caller, Permission permission,
                                        Resource resource, String resourceId) {
        if (!engine.getProcessEngineConfiguration().isAuthorizationEnabled()) {
            return true;
        }
        AuthorizationService authorizations = engine.getAuthorizationService();
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        return authorizations.isUserAuthorized(caller.getUserId(), groups, permission, resource, resourceId);
    }
}
