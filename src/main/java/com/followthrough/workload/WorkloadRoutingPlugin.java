package com.followthrough.workload;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.organization.People;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * Puts the workload rules on every user task the engine deploys, so that no model has to remember them: an absent
 * agent's new tasks, and those due in an absence of theirs ahead, go to their stand-in ({@link AbsentAgentsWork}, on
 * create, before the capacity check), a callback's promise names whoever holds the call ({@link
 * PromiseFollowsTheCallback}, on every assignment of a callback), and "Listen to the customer" respects capacity
 * ({@link ListenCapacity}, on create and on every assignment).
 */
@Component
public class WorkloadRoutingPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<Absences> absences;
    private final ObjectProvider<Capacity> capacity;
    private final ObjectProvider<EngineClock> clock;
    private final ObjectProvider<People> people;
    private final ObjectProvider<Promises> promises;

    public WorkloadRoutingPlugin(ObjectProvider<Absences> absences, ObjectProvider<Capacity> capacity,
                                 ObjectProvider<EngineClock> clock, ObjectProvider<People> people,
                                 ObjectProvider<Promises> promises) {
        this.absences = absences;
        this.promises = promises;
        this.capacity = capacity;
        this.clock = clock;
        this.people = people;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AddRouting());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private final class AddRouting extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
                    task -> new AbsentAgentsWork(absences.getObject(), promises.getObject(), clock.getObject(),
                            people.getObject())
                            .notify(task));
            if (Processes.CALLBACK_TASKS.contains(activity.getId())) {
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT,
                        task -> new PromiseFollowsTheCallback(promises.getObject(), people.getObject()).notify(task));
            }
            if (ListenCapacity.LISTEN.equals(activity.getId())) {
                TaskListener capacityRule = (DelegateTask task) ->
                        new ListenCapacity(capacity.getObject()).notify(task);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, capacityRule);
                definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, capacityRule);
            }
        }
    }
}
