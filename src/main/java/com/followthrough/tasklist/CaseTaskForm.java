package com.followthrough.tasklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.form.FormProperty;
import org.camunda.bpm.engine.form.FormType;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;

import com.followthrough.vocabulary.FreshNotes;

/**
 * A user task's form handler as our steps use it: the engine's own, with the two things our steps add, in one handler
 * per task that {@link TaskPresentationPlugin} sets when the engine parses the task ({@link #around}).
 * <p>
 * On a task with a Camunda Form, the part of its context that only its form shows is computed when the form's
 * variables are read instead of written to every task when it is created: the header ({@link CaseContext#HEADER}), the
 * team's time zone ({@value CaseContext#SUPPORT_TIME_ZONE}) and, on a takeover form, the colleagues it offers
 * ({@link TaskPresentation#readWithTheForm}). Tasklist reads them with
 * {@code GET /engine-rest/task/{id}/form-variables} when a person opens a task
 * ({@code FormService#getTaskFormVariables}), and the engine answers that request with the task form's fields first,
 * then the variables of the task and its case; these two are fields of every form. So the header says what the case
 * holds when someone looks, a customer's newest message included, and a task that nobody opens (a timer's escalation
 * in a storm, issue 16) costs neither the header's two queries nor a variable, and a takeover form offers the team as
 * it is when the supervisor opens it, not as it was when the timer fired. The values are computed on the first read of
 * a field's value, in the command that reads it: {@code GET /task/{id}/form}, which Tasklist sends too, reads only the
 * form's key and reference, and computes nothing.
 * <p>
 * A form submission (Tasklist, {@code submit-form}, {@code FormService#submitTaskForm}) of a step that asks notes
 * afresh ({@link FreshNotes#BY_STEP}) is marked for its {@link FreshFields} listener, once the engine has set the
 * submitted values ({@link FreshFields#markFormSubmission}): what such a submission leaves out of a fresh field, it
 * gave empty.
 */
final class CaseTaskForm implements TaskFormHandler {

    /**
     * Set while this thread finds out which names a task's form offers ({@code formcheck.TaskForms}, once per task
     * definition and node): the engine reads the task's form data again to find the form, and only its reference
     * counts there, so that inner read gets no computed values.
     */
    private static final ThreadLocal<Boolean> FINDING_THE_FORM = ThreadLocal.withInitial(() -> false);

    private final TaskFormHandler form;
    /** Null on a task without a Camunda Form: nobody reads its context in a form. */
    private final Supplier<TaskPresentation> presentation;
    private final boolean marksSubmissions;

    private CaseTaskForm(TaskFormHandler form, Supplier<TaskPresentation> presentation, boolean marksSubmissions) {
        this.form = form;
        this.presentation = presentation;
        this.marksSubmissions = marksSubmissions;
    }

    /**
     * The task's handler, around the engine's: with the context read with the form where the task has a Camunda
     * Form, and submissions marked where the step asks notes afresh; the engine's own where neither.
     */
    static void around(TaskDefinition task, String activityId, boolean camundaForm,
                       Supplier<TaskPresentation> presentation) {
        boolean marksSubmissions = FreshNotes.BY_STEP.containsKey(activityId);
        if (camundaForm || marksSubmissions) {
            task.setTaskFormHandler(new CaseTaskForm(task.getTaskFormHandler(), camundaForm ? presentation : null,
                    marksSubmissions));
        }
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
        TaskFormData data = form.createTaskForm(task);
        if (presentation == null || FINDING_THE_FORM.get()) {
            return data;
        }
        Map<String, Supplier<TypedValue>> readWithTheForm;
        FINDING_THE_FORM.set(true);
        try {
            readWithTheForm = presentation.get().readWithTheForm(task);
        } finally {
            FINDING_THE_FORM.remove();
        }
        List<FormField> fields = new ArrayList<>(data.getFormFields());
        readWithTheForm.forEach((name, value) -> fields.add(new ComputedField(name, new Once<>(value))));
        return new WithContext(data, List.copyOf(fields));
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
                                   ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
        form.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
        form.submitFormVariables(properties, variableScope);
        if (marksSubmissions) {
            FreshFields.markFormSubmission(variableScope);
        }
    }

    private record WithContext(TaskFormData form, List<FormField> fields) implements TaskFormData {

        @Override
        public Task getTask() {
            return form.getTask();
        }

        @Override
        public String getFormKey() {
            return form.getFormKey();
        }

        @Override
        public CamundaFormRef getCamundaFormRef() {
            return form.getCamundaFormRef();
        }

        @Override
        public String getDeploymentId() {
            return form.getDeploymentId();
        }

        @SuppressWarnings("deprecation")
        @Override
        public List<FormProperty> getFormProperties() {
            return form.getFormProperties();
        }

        @Override
        public List<FormField> getFormFields() {
            return fields;
        }
    }

    /** A read-only value the form shows: a text, or the Json list a select offers. */
    private record ComputedField(String id, Supplier<TypedValue> value) implements FormField {

        private static final FormType TEXT = new FormType() {
            @Override
            public String getName() {
                return "string";
            }

            @Override
            public Object getInformation(String key) {
                return null;
            }
        };

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getLabel() {
            return id;
        }

        @Override
        public FormType getType() {
            return TEXT;
        }

        @Override
        public String getTypeName() {
            return TEXT.getName();
        }

        @Override
        public Object getDefaultValue() {
            return null;
        }

        @Override
        public TypedValue getValue() {
            return value.get();
        }

        @Override
        public List<FormFieldValidationConstraint> getValidationConstraints() {
            return List.of();
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        @Override
        public boolean isBusinessKey() {
            return false;
        }
    }

    /** Computed on the first call, for one read of the form: a request for some of its values computes only those. */
    private static final class Once<T> implements Supplier<T> {

        private Supplier<T> compute;
        private T value;

        Once(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            if (compute != null) {
                value = compute.get();
                compute = null;
            }
            return value;
        }
    }
}
