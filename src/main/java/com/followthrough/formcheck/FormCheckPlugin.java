package com.followthrough.formcheck;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every user task the engine deploys with a Camunda Form ({@code camunda:formRef}, or a {@code camunda-forms:} form
 * key) gets the {@link SubmissionCheck} as its last {@code complete} listener: after the model's own listeners, whose
 * refusals say more about their field, and with no code per form. Tasks with an embedded or external form are left
 * to that form's own checks. A process whose start event has a Camunda Form gets the same check of its start
 * variables, as that start event's last {@code start} listener ({@link SubmissionCheck#notifyStart}). A deployment
 * makes {@link TaskForms} read the tasks' forms anew.
 */
@Component
public class FormCheckPlugin extends AbstractProcessEnginePlugin {

    private static final String CAMUNDA_FORMS_KEY = "camunda-forms:";
    private static final ObjectMapper FORM_JSON = new ObjectMapper();

    private final ObjectProvider<SubmissionCheck> check;
    private final ObjectProvider<TaskForms> taskForms;

    public FormCheckPlugin(ObjectProvider<SubmissionCheck> check, ObjectProvider<TaskForms> taskForms) {
        this.check = check;
        this.taskForms = taskForms;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new CheckSubmissions());
        configuration.setCustomPostBPMNParseListeners(listeners);
        List<Deployer> before = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        before.add(FormCheckPlugin::refuseUncheckableForms);
        configuration.setCustomPreDeployers(before);
        List<Deployer> deployers = configuration.getCustomPostDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostDeployers());
        deployers.add(deployment -> forgetTaskForms());
        configuration.setCustomPostDeployers(deployers);
    }

    /**
     * Now, and again once the deployment is committed: a task created meanwhile in another transaction may have read
     * the form that was latest before it.
     */
    private void forgetTaskForms() {
        taskForms.getObject().forgetAll();
        CommandContext command = Context.getCommandContext();
        if (command != null) {
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> taskForms.getObject().forgetAll());
        }
    }

    /**
     * A new deployment with a form whose validation pattern the server cannot read is refused, naming the form and the
     * field: the server checks every pattern again, and one it cannot read would otherwise be found at a submission.
     * So a start with such a form in {@code forms/} fails, and so does the Modeler's "Deploy": refused as the engine
     * refuses a model it cannot parse ({@link ParseException}), which Camunda's REST API answers with {@code 400}, the
     * problems in {@code message} and, by form and with the field's key as the element, in {@code details}.
     */
    static void refuseUncheckableForms(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        Map<String, List<Problem>> problems = new TreeMap<>();
        deployment.getResources().forEach((name, resource) -> {
            if (name.endsWith(".form")) {
                try {
                    DeployedForm.read(FORM_JSON.readTree(resource.getBytes())).unreadablePatterns().forEach(
                            field -> problems.computeIfAbsent(name, form -> new ArrayList<>())
                                    .add(new FieldProblem(field.problem(), field.key())));
                } catch (IOException notJson) {
                    // Camunda's own form deployer says what is wrong with a form that is not JSON.
                }
            }
        });
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        problems.forEach((form, fields) -> fields.forEach(field -> lines.add(form + ": " + field.getMessage())));
        Iterator<Map.Entry<String, List<Problem>>> forms = problems.entrySet().iterator();
        Map.Entry<String, List<Problem>> first = forms.next();
        ParseException refused = new ParseException("Deployment refused: " + String.join("; ", lines), first.getKey(),
                first.getValue(), List.of());
        // One report per form: the exception takes the first, and lists its reports as they are for the others.
        forms.forEachRemaining(form -> refused.getResorceReports().add(new FormReport(form.getKey(), form.getValue())));
        throw refused;
    }

    /** A field of a form the engine refuses to deploy: its key is the element, as an element id is in a BPMN model. */
    private record FieldProblem(String message, String key) implements Problem {

        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public String getMainElementId() {
            return key;
        }

        @Override
        public List<String> getElementIds() {
            return List.of(key);
        }

        /** A form is JSON, read by the field: the field's key says where, not a line. */
        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }
    }

    private record FormReport(String form, List<Problem> errors) implements ResourceReport {

        @Override
        public String getResourceName() {
            return form;
        }

        @Override
        public List<Problem> getErrors() {
            return errors;
        }

        @Override
        public List<Problem> getWarnings() {
            return List.of();
        }
    }

    /** Whether a user task's {@code camunda:formRef} or {@code camunda:formKey} names a Camunda Form. */
    static boolean namesCamundaForm(String formRef, String formKey) {
        return formRef != null || formKey != null && formKey.startsWith(CAMUNDA_FORMS_KEY);
    }

    private final class CheckSubmissions extends AbstractBpmnParseListener {

        /** The start form is the process's none start event's: a message or timer start shows no form. */
        @Override
        public void parseStartEvent(Element startEvent, ScopeImpl scope, ActivityImpl activity) {
            String formRef = startEvent.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
            String formKey = startEvent.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formKey");
            if (scope instanceof ProcessDefinitionImpl && "startEvent".equals(activity.getProperty("type"))
                    && namesCamundaForm(formRef, formKey)) {
                activity.addListener(ExecutionListener.EVENTNAME_START,
                        (ExecutionListener) execution -> check.getObject().notifyStart(execution));
            }
        }

        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            String formRef = userTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
            String formKey = userTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formKey");
            if (namesCamundaForm(formRef, formKey)) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> check.getObject().notify(task));
            }
        }
    }
}
