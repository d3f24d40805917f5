package com.followthrough.tasklist;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task the engine deploys a name and description for the Tasklist list and the case context for its
 * form ({@link TaskPresentation}): the header when the form is read, the rest as task variables. It gives each task
 * its one form handler ({@link CaseTaskForm}), which reads that header with the form and also marks the form
 * submissions of the steps that ask notes afresh. The name and description come from the task's extension properties
 * {@value #NAME} and {@value #DESCRIPTION}, which designers edit in the Modeler's properties panel; the diagram keeps
 * its short label ("Call the customer back"), because an expression in the label would show as {@code ${...}} there.
 */
@Component
public class TaskPresentationPlugin extends AbstractProcessEnginePlugin {

    /** Extension property: the task's name in Tasklist, an expression such as {@code Call back ${customerName} — ${caseReference}}. */
    public static final String NAME = "tasklistName";
    /** Extension property: what to do, one or two sentences; the due and follow-up dates are added to it. */
    public static final String DESCRIPTION = "tasklistDescription";

    private final ObjectProvider<TaskPresentation> presentation;

    public TaskPresentationPlugin(ObjectProvider<TaskPresentation> presentation) {
        this.presentation = presentation;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new TaskContextHistory());
        configuration.setCustomHistoryLevels(levels);
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AddPresentation(configuration));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class AddPresentation extends AbstractBpmnParseListener {

        private final ProcessEngineConfigurationImpl configuration;

        AddPresentation(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        /**
         * Only tasks with a Camunda Form: a person reads a task's context in its form, so a task without one (a
         * model that is not ours, such as the benchmark's baseline) gets nothing computed or written; its form
         * handler still marks submissions if its step asks notes afresh.
         */
        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
            boolean camundaForm = userTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef") != null;
            CaseTaskForm.around(definition, activity.getId(), camundaForm, presentation::getObject);
            if (!camundaForm) {
                return;
            }
            ExpressionManager expressions = configuration.getExpressionManager();
            String name = property(userTask, NAME);
            String description = property(userTask, DESCRIPTION);
            Present present = new Present(name == null ? null : expressions.createExpression(name),
                    description == null ? null : expressions.createExpression(description));
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, present);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, present);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, present);
        }

        private static String property(Element userTask, String name) {
            Element extensions = userTask.element("extensionElements");
            Element properties = extensions == null ? null
                    : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return null;
            }
            return properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property").stream()
                    .filter(property -> name.equals(property.attribute("name")))
                    .map(property -> property.attribute("value"))
                    .findFirst().orElse(null);
        }
    }

    /**
     * On create: name, description and the context's task variables; on (re)assignment, such as a claim, and on an
     * update, such as a new due date: those variables again, and the due and follow-up times the description states.
     * Tasklist reads a task's form variables when the task is opened, before a claim, so they are there from
     * the start (AgentInTasklistTest: computed on the claim alone, the form it had loaded showed none of it).
     */
    private final class Present implements TaskListener {

        /** Transient, never stored: the assignee and due date the context was last written for in this step. */
        private static final String CONTEXT_WRITTEN_FOR = "caseContextWrittenFor";

        private final Expression name;
        private final Expression description;

        Present(Expression name, Expression description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public void notify(DelegateTask task) {
            if (TaskListener.EVENTNAME_UPDATE.equals(task.getEventName())) {
                presentation.getObject().keepTimesCurrent(task);
            } else if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
                presentation.getObject().nameAndDescribe(task, name, description);
            }
            // The engine fires a task's events back to back in one step: its creation with an assignee, then the
            // assignment; a claim, then the update. The context is written once for them: again only when the
            // assignee or the due date has changed since, in this step.
            String writtenFor = task.getAssignee() + "|" + task.getDueDate();
            if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName())
                    && writtenFor.equals(task.getVariableLocal(CONTEXT_WRITTEN_FOR))) {
                return;
            }
            presentation.getObject().writeCaseContext(task);
            task.setVariableLocal(CONTEXT_WRITTEN_FOR, Variables.stringValue(writtenFor, true));
        }
    }
}
