package com.followthrough.tasklist;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
 * for the listener ({@link FreshFields#FORM}) by the task's one form handler, {@link CaseTaskForm}: what such a
 * submission leaves out of a fresh field, it gave empty, and the case holds it empty.
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
            TaskListener fresh = task -> freshFields.getObject().notify(task);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, fresh);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, fresh);
        }
    }
}
