package com.followthrough.tasklist;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.FreshNotes;

/**
 * Every user task whose id {@link FreshFields} lists gets it, on create and on complete, as a built-in listener: ahead
 * of the model's own listeners (those that read the case's note on complete, {@code whatSupervisorsDid}, read it
 * moved), in whichever process the task is. The list is the one place that says which steps ask which notes afresh;
 * no model names the listener. A process version deployed while models still named it ({@code ${freshFields}}) runs it
 * a second time after this one, which finds nothing left to move.
 * Each listed step's form submission (Tasklist, {@code submit-form}, {@code FormService#submitTaskForm}) is marked
 * for the listener ({@link FreshFields#FORM}): what such a submission leaves out of a fresh field, it gave nothing for.
 */
@Component
public class FreshFieldsPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<FreshFields> freshFields;

    public FreshFieldsPlugin(ObjectProvider<FreshFields> freshFields) {
        this.freshFields = freshFields;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AddFreshFields());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class AddFreshFields extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
            if (!FreshNotes.BY_STEP.containsKey(activity.getId())) {
                return;
            }
            definition.setTaskFormHandler(new MarksFormSubmissions(definition.getTaskFormHandler()));
            TaskListener fresh = task -> freshFields.getObject().notify(task);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, fresh);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, fresh);
        }
    }

    /** The task's own form handler, which marks the task as completed by a form submission once it has run. */
    private record MarksFormSubmissions(TaskFormHandler handler) implements TaskFormHandler {

        @Override
        public TaskFormData createTaskForm(TaskEntity task) {
            return handler.createTaskForm(task);
        }

        @Override
        public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
                                       ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
            handler.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
        }

        @Override
        public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
            handler.submitFormVariables(properties, variableScope);
            FreshFields.markFormSubmission(variableScope);
        }
    }
}
