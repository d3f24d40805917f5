package com.followthrough.workload;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.followthrough.AsTheApplication;
import com.followthrough.insights.CaseFacts;

/**
 * An agent's open cases against their capacity ({@link WorkloadProperties}): a case is open while its SupportCase
 * instance runs, except while it waits for the customer's word on the solution ({@code Gateway_AwaitCustomer}: that
 * wait is the customer's, up to the quiet period, not the agent's work); it is owned by the agent its {@code owner}
 * variable names (who listened, see CaseOwnershipListener).
 *
 * <p>Every claim of "Listen to the customer" asks, so the agent's cases are read from the case facts
 * ({@code ft_case_fact}: one row per support case, its owner and whether it has closed, kept in the engine's own
 * transaction by {@code CaseFactRecorder}) through their owner index, and only an agent at the limit has each case's
 * wait checked in the engine. Counting SupportCase instances by their variable read every open case on H2, and an index
 * on the engine's variables held every variable's text there (issue 16).
 */
@Component
public class Capacity {

    static final String AWAITING_THE_CUSTOMERS_WORD = "Gateway_AwaitCustomer";

    private final RuntimeService runtimeService;
    private final CaseFacts caseFacts;
    private final WorkloadProperties properties;
    private final AsTheApplication asTheApplication;

    Capacity(RuntimeService runtimeService, CaseFacts caseFacts, WorkloadProperties properties,
             AsTheApplication asTheApplication) {
        this.runtimeService = runtimeService;
        this.caseFacts = caseFacts;
        this.properties = properties;
        this.asTheApplication = asTheApplication;
    }

    public int of(String user) {
        return properties.capacityOf(user);
    }

    public long openCasesOwnedBy(String user) {
        List<String> cases = caseFacts.notClosedOwnedBy(user);
        return asTheApplication.run(() -> cases.stream().filter(this::notAwaitingTheCustomer).count());
    }

    /**
     * Whether the agent may be handed one more case, the one of {@code processInstanceId}: that case itself does not
     * count (a follow-up names its former owner before anyone has listened). One select while the agent owns fewer
     * cases than their capacity, which is the usual claim; only an agent at the limit has their cases' waits checked,
     * until as many as their capacity are found open.
     */
    public boolean hasRoomFor(String user, String processInstanceId) {
        int capacity = of(user);
        List<String> others = caseFacts.notClosedOwnedBy(user).stream()
                .filter(id -> !id.equals(processInstanceId)).toList();
        if (others.size() < capacity) {
            return true;
        }
        return asTheApplication.run(
                () -> others.stream().filter(this::notAwaitingTheCustomer).limit(capacity).count() < capacity);
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
