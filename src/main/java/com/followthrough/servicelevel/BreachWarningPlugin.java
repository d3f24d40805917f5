package com.followthrough.servicelevel;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task whose due date is a service-level deadline ({@code firstResponseDueAt}, {@code answerDueAt},
 * {@code resolutionDueAt}) its breach warning on create ({@link BreachWarnings}), without a listener in each model.
 * Registered before the other parse listeners, so the follow-up date is set before the task's Tasklist description,
 * which states it, is written.
 */
@Component
public class BreachWarningPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<BreachWarnings> warnings;

    public BreachWarningPlugin(ObjectProvider<BreachWarnings> warnings) {
        this.warnings = warnings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
                BreachWarnings.deadlineIn(userTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "dueDate"))
                        .ifPresent(deadline -> ((UserTaskActivityBehavior) activity.getActivityBehavior())
                                .getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
                                        task -> warnings.getObject().warnBeforeBreach(task, deadline)));
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }
}
