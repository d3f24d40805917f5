package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * A missed resolution target's message says who looked at the case and set the new date: a supervisor
 * ({@code Task_SetNewResolutionTarget}), or, when the supervisors set none in time, our management
 * ({@code Task_SetNewResolutionTargetNow}, the administrators), as reimbursementPending and unreachableDecisionPending
 * call them. Read from the task that set the date, the last of the two completed in the case; given to the composer
 * as the transient variable {@code newDateSetByManagement}.
 */
@Component
class WhoSetTheNewDate implements MessagePreparation {

    static final String BY_SUPERVISORS = "Task_SetNewResolutionTarget";
    static final String BY_ADMINISTRATORS = "Task_SetNewResolutionTargetNow";

    @Override
    public MessageKind kind() {
        return MessageKind.RESOLUTION_DELAYED;
    }

    @Override
    public void prepare(DelegateExecution execution) {
        boolean byManagement = execution.getProcessEngineServices().getHistoryService()
                .createHistoricTaskInstanceQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKeyIn(BY_SUPERVISORS, BY_ADMINISTRATORS).taskDeleteReason("completed")
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream()
                .map(HistoricTaskInstance::getTaskDefinitionKey).anyMatch(BY_ADMINISTRATORS::equals);
        execution.setVariableLocal("newDateSetByManagement", Variables.booleanValue(byManagement, true));
    }
}
