package com.followthrough.workload;

import java.util.concurrent.Callable;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * An agent's open cases against their capacity ({@link WorkloadProperties}): a case is open while its SupportCase
 * instance runs, and owned by the agent its {@code owner} variable names (who listened, see CaseOwnershipListener).
 */
@Component
public class Capacity {

    static final String SUPPORT_CASE = "SupportCase";

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
        return asTheRule(() -> runtimeService.createProcessInstanceQuery().processDefinitionKey(SUPPORT_CASE)
                .variableValueEquals("owner", user).count());
    }

    /**
     * Whether the agent may be handed one more case, the one of {@code processInstanceId}: that case itself does not
     * count (a follow-up names its former owner before anyone has listened).
     */
    public boolean hasRoomFor(String user, String processInstanceId) {
        long owned = asTheRule(() -> runtimeService.createProcessInstanceQuery().processDefinitionKey(SUPPORT_CASE)
                .variableValueEquals("owner", user).list().stream()
                .filter(instance -> !instance.getId().equals(processInstanceId)).count());
        return owned < of(user);
    }

    /** Inside a step (a claim in Tasklist), counted without the claiming agent's read grants: the rule counts all. */
    private static long asTheRule(Callable<Long> count) {
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
