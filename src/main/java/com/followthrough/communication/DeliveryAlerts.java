package com.followthrough.communication;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.followthrough.FieldChecks;

/**
 * A message the customer may not have received is never silent: it is logged as an error and, while the case runs,
 * shown in Cockpit as an incident of type {@value #INCIDENT_TYPE} on the case (configuration: the message id), so a
 * supervisor sees it on the case itself. The incident is resolved when the message is delivered after all.
 */
@Component
public class DeliveryAlerts {

    public static final String INCIDENT_TYPE = "customerMessageNotDelivered";

    private static final Logger log = LoggerFactory.getLogger(DeliveryAlerts.class);

    private final RuntimeService runtimeService;

    public DeliveryAlerts(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** Call inside the transaction that records the state, so the incident and the state agree. */
    void raise(CustomerMessage message, String what) {
        String text = "Message " + message.id() + " (" + message.kind().modelName() + ") for case "
                + message.caseReference() + " to " + message.recipient() + ": " + what;
        log.error("{}. Subject: {}. A person must check it and reach the customer; see the case's messages.",
                text, message.subject());
        String processInstanceId = message.processInstanceId();
        if (processInstanceId != null
                && runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 1) {
            String executionId = waitingExecution(runtimeService.getActivityInstance(processInstanceId));
            if (executionId != null) {
                runtimeService.createIncident(INCIDENT_TYPE, executionId, String.valueOf(message.id()),
                        FieldChecks.clipped(text, 3900));
            }
        }
    }

    /** An incident needs an execution at an activity: the one where the case waits now (a task, a timer). */
    private static String waitingExecution(ActivityInstance instance) {
        if (instance == null) {
            return null;
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            String found = waitingExecution(child);
            if (found != null) {
                return found;
            }
        }
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
            return transition.getExecutionId();
        }
        boolean leaf = instance.getChildActivityInstances().length == 0 && instance.getParentActivityInstanceId() != null;
        return leaf && instance.getExecutionIds().length > 0 ? instance.getExecutionIds()[0] : null;
    }

    /** The message was delivered after all: its incident, if any, is resolved. */
    void clear(long messageId) {
        for (Incident incident : runtimeService.createIncidentQuery().incidentType(INCIDENT_TYPE)
                .configuration(String.valueOf(messageId)).list()) {
            runtimeService.resolveIncident(incident.getId());
        }
    }
}
