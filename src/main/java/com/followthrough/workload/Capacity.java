package com.followthrough.workload;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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
 */
@Component
public class Capacity {

    static final String SUPPORT_CASE = "SupportCase";
    static final String AWAITING_THE_CUSTOMERS_WORD = "Gateway_AwaitCustomer";

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final WorkloadProperties properties;

    public Capacity(RuntimeService runtimeService, RepositoryService repositoryService, WorkloadProperties properties) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.properties = properties;
    }

    public int of(String user) {
        return properties.capacityOf(user);
    }

    public long openCasesOwnedBy(String user) {
        return asTheRule(() -> openAmong(ownedBy(user)).size());
    }

    /**
     * Whether the agent may be handed one more case, the one of {@code processInstanceId}: that case itself does not
     * count (a follow-up names its former owner before anyone has listened). One select while the agent owns fewer
     * cases than their capacity, open or not and of any process, which is the usual claim; only an agent at the limit
     * has their cases read to leave out those awaiting the customer and this one.
     */
    public boolean hasRoomFor(String user, String processInstanceId) {
        int capacity = of(user);
        return asTheRule(() -> {
            List<VariableInstance> owned = ownedBy(user);
            if (owned.size() < capacity) {
                return true;
            }
            Set<String> open = openAmong(owned);
            open.remove(processInstanceId);
            return open.size() < capacity;
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

    /** The open SupportCase instances among those the {@code owned} variables belong to. */
    private Set<String> openAmong(List<VariableInstance> owned) {
        if (owned.isEmpty()) {
            return new HashSet<>();
        }
        Set<String> supportCase = new HashSet<>();
        repositoryService.createProcessDefinitionQuery().processDefinitionKey(SUPPORT_CASE).list()
                .forEach(definition -> supportCase.add(definition.getId()));
        Set<String> open = new HashSet<>();
        owned.stream().filter(owner -> supportCase.contains(owner.getProcessDefinitionId()))
                .forEach(owner -> open.add(owner.getProcessInstanceId()));
        if (!open.isEmpty()) {
            runtimeService.createProcessInstanceQuery().processInstanceIds(open)
                    .activityIdIn(AWAITING_THE_CUSTOMERS_WORD).list()
                    .forEach(awaiting -> open.remove(awaiting.getId()));
        }
        return open;
    }

    /** Inside a step (a claim in Tasklist), counted without the claiming agent's read grants: the rule counts all. */
    private static <T> T asTheRule(Callable<T> count) {
        CommandContext step = Context.getCommandContext();
        try {
            return step == null ? count.call() : step.runWithoutAuthorization(count);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
