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
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every user task whose id {@link FreshFields} lists gets it, on create and on complete, ahead of the model's own
 * listeners, in whichever process the task is: the list says which steps ask which notes afresh, and a step that is
 * listed works so without its model naming the listener. A model that names it ({@code ${freshFields}}, as the first
 * listeners were registered) keeps its own, and gets no second one.
 */
@Component
public class FreshFieldsPlugin extends AbstractProcessEnginePlugin {

    /** How a model names the listener. */
    static final String IN_THE_MODEL = "${freshFields}";

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
            if (!FreshFields.FRESH.containsKey(activity.getId()) || namedInTheModel(definition)) {
                return;
            }
            TaskListener fresh = task -> freshFields.getObject().notify(task);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, fresh);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, fresh);
        }
    }

    private static boolean namedInTheModel(TaskDefinition definition) {
        List<TaskListener> onCreate = definition.getTaskListenersForEvent(TaskListener.EVENTNAME_CREATE);
        return onCreate != null && onCreate.stream().anyMatch(listener
                -> listener instanceof DelegateExpressionTaskListener named
                && IN_THE_MODEL.equals(named.getExpressionText()));
    }
}
