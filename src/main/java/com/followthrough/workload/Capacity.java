package com.followthrough.workload;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * An agent's open cases against their capacity ({@link WorkloadProperties}): a case is open while its SupportCase
 * instance runs, except while it waits for the customer's word on the solution ({@code Gateway_AwaitCustomer}: that
 * wait is the customer's, up to the quiet period, not the agent's work); it is owned by the agent its {@code owner}
 * variable names (who listened, see CaseOwnershipListener).
 *
 * <p>Every claim of "Listen to the customer" asks, so the agent's cases are found from their {@code owner} variables
 * (an index on the variable's name and text, {@link com.followthrough.EngineTableIndexes#CASE_OWNER}) and only those
 * instances are read: counting SupportCase instances by their variable read every open case on H2 (issue 16).
 *
 * <p>The rule counts every case of the agent, whoever asks: an agent claiming in Tasklist may not read the cases she
 * owns, so the count runs {@link EngineAsTheRule as the rule}.
 */
@Component
public class Capacity {

    static final String SUPPORT_CASE = "SupportCase";
    static final String AWAITING_THE_CUSTOMERS_WORD = "Gateway_AwaitCustomer";

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final WorkloadProperties properties;
    private final EngineAsTheRule asTheRule;

    Capacity(RuntimeService runtimeService, RepositoryService repositoryService, WorkloadProperties properties,
             EngineAsTheRule asTheRule) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.properties = properties;
        this.asTheRule = asTheRule;
    }

    public int of(String user) {
        return properties.capacityOf(user);
    }

    public long openCasesOwnedBy(String user) {
        return asTheRule.run(() -> supportCasesAmong(ownedBy(user)).stream().filter(this::notAwaitingTheCustomer).count());
    }

    /**
     * Whether the agent may be handed one more case, the one of {@code processInstanceId}: that case itself does not
     * count (a follow-up names its former owner before anyone has listened). One select while the agent owns fewer
     * cases than their capacity, open or not and of any process, which is the usual claim; only an agent at the limit
     * has their cases read, until as many as their capacity are found open.
     */
    public boolean hasRoomFor(String user, String processInstanceId) {
        int capacity = of(user);
        return asTheRule.run(() -> {
            List<VariableInstance> owned = ownedBy(user);
            if (owned.size() < capacity) {
                return true;
            }
            return supportCasesAmong(owned).stream().filter(id -> !id.equals(processInstanceId))
                    .filter(this::notAwaitingTheCustomer).limit(capacity).count() < capacity;
        });
    }

    /**
     * The {@code owner} variables that name the agent, each of its process instance's own: their SupportCase
     * instances', and those of any other process that keeps an {@code owner} (the callback's KeepPromise has a copy).
     */
    private List<VariableInstance> ownedBy(String user) {
        return runtimeService.createVariableInstanceQuery().variableValueEquals(CaseVariable.OWNER.name(), user)
                .list().stream()
                .filter(owner -> owner.getProcessInstanceId() != null
                        && owner.getProcessInstanceId().equals(owner.getExecutionId()))
                .toList();
    }

    private List<String> supportCasesAmong(List<VariableInstance> owned) {
        if (owned.isEmpty()) {
            return List.of();
        }
        Set<String> supportCase = new HashSet<>();
        repositoryService.createProcessDefinitionQuery().processDefinitionKey(SUPPORT_CASE).list()
                .forEach(definition -> supportCase.add(definition.getId()));
        return owned.stream().filter(owner -> supportCase.contains(owner.getProcessDefinitionId()))
                .map(VariableInstance::getProcessInstanceId).toList();
    }

    /**
     * One select per case, by its instance id. A process-instance query for all of them at once also asks for root
     * executions ({@code PARENT_ID_ IS NULL}), and H2's planner, once it has statistics, reads every process instance
     * by that index instead of the few by their ids.
     */
    private boolean notAwaitingTheCustomer(String processInstanceId) {
        return runtimeService.createExecutionQuery().processInstanceId(processInstanceId)
                .activityId(AWAITING_THE_CUSTOMERS_WORD).count() == 0;
    }
}
