package com.followthrough.workload;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Component;

/**
 * An agent's open cases against their capacity ({@link WorkloadProperties}): a case is open while its SupportCase
 * instance runs, except while it waits for the customer's word on the solution ({@code Gateway_AwaitCustomer}: that
 * wait is the customer's, up to the quiet period, not the agent's work); it is owned by the agent its {@code owner}
 * variable names (who listened, see CaseOwnershipListener).
 */
@Component
public class Capacity {

    static final String SUPPORT_CASE = "SupportCase";
    static final String AWAITING_THE_CUSTOMERS_WORD = "Gateway_AwaitCustomer";

    private final RuntimeService runtimeService;
    private final WorkloadProperties properties;

    public Capacity(RuntimeService runtimeService, WorkloadProperties properties) {
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    public int of(String user) {
        return properties.capacityOf(user);
    }

    public long openCasesOwnedBy(String user) {
        return asTheRule(() -> owned(user).count() - owned(user).activityIdIn(AWAITING_THE_CUSTOMERS_WORD).count());
    }

    /**
     * Whether the agent may be handed one more case, the one of {@code processInstanceId}: that case itself does not
     * count (a follow-up names its former owner before anyone has listened). One count while the agent owns fewer
     * cases than their capacity, open or not, which is the usual claim; only an agent at the limit has their cases
     * listed to leave out those awaiting the customer and this one.
     */
    public boolean hasRoomFor(String user, String processInstanceId) {
        int capacity = of(user);
        return asTheRule(() -> {
            if (owned(user).count() < capacity) {
                return true;
            }
            Set<String> open = ids(owned(user).list());
            open.removeAll(ids(owned(user).activityIdIn(AWAITING_THE_CUSTOMERS_WORD).list()));
            open.remove(processInstanceId);
            return open.size() < capacity;
        });
    }

    private ProcessInstanceQuery owned(String user) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(SUPPORT_CASE)
                .variableValueEquals("owner", user);
    }

    private static Set<String> ids(java.util.List<ProcessInstance> instances) {
        Set<String> ids = new HashSet<>();
        instances.forEach(instance -> ids.add(instance.getId()));
        return ids;
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
