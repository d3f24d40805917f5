package com.followthrough.feedback;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.SupportProperties;
import com.followthrough.vocabulary.Processes;

/**
 * Moves customer feedbacks still running on an earlier version of {@code customer-feedback.bpmn} to the latest when
 * the app starts, with the engine's migration API, where that drops nothing they run on. A feedback lives after its
 * case has closed, and what a later version added there (the trace of a discount asked for on a last-chance callback)
 * is what its agents and customer need; a case keeps its version (docs/operations.md, "Backup and upgrade").
 * <p>
 * A version migrates only when every step, event and gateway it has is in the latest under the same id and of the same
 * kind, and the engine accepts the plan ({@code mapEqualActivities}); each feedback moves on its own, in one
 * transaction with the variables the latest reads and the earlier did not copy from the case, and one the engine
 * refuses (or another node changes meanwhile) stays on its version. Versions and feedbacks left are logged. A version
 * whose steps the latest no longer has (its own "Keep the promise at risk", before the step moved into KeepPromise)
 * stays: moving it would drop the step its calls escalate to.
 * <p>
 * Runs before the web server and the job executor start, so nobody works on a feedback on this node meanwhile.
 */
@Component
public class FeedbackUpgrade implements SmartLifecycle {

    /** Before the demo history ({@code DemoHistoryStartup}) and the web server. */
    static final int BEFORE_ANYONE_WORKS = DEFAULT_PHASE - 8192;

    private static final Logger log = LoggerFactory.getLogger(FeedbackUpgrade.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final SupportProperties properties;
    private volatile boolean running;

    FeedbackUpgrade(RepositoryService repository, RuntimeService runtime, PlatformTransactionManager transactions,
                    SupportProperties properties) {
        this.repository = repository;
        this.runtime = runtime;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
    }

    @Override
    public void start() {
        migrateToTheLatest();
        running = true;
    }

    /** Moves every feedback on an earlier version that may move; returns how many moved. */
    public int migrateToTheLatest() {
        return migrateToTheLatest(null);
    }

    /** As {@link #migrateToTheLatest()}, for the feedback of one case only (by its reference), or all with null. */
    public int migrateToTheLatest(String caseReference) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).latestVersion().singleResult();
        if (latest == null) {
            return 0;
        }
        int moved = 0;
        for (ProcessDefinition earlier : repository.createProcessDefinitionQuery()
                .processDefinitionKey(Processes.CUSTOMER_FEEDBACK).list()) {
            if (earlier.getVersion() < latest.getVersion() && !running(earlier, caseReference).isEmpty()) {
                moved += migrate(earlier, latest, caseReference);
            }
        }
        return moved;
    }

    private List<ProcessInstance> running(ProcessDefinition version, String caseReference) {
        ProcessInstanceQuery feedbacks = runtime.createProcessInstanceQuery().processDefinitionId(version.getId());
        return caseReference == null ? feedbacks.list() : feedbacks.processInstanceBusinessKey(caseReference).list();
    }

    private int migrate(ProcessDefinition earlier, ProcessDefinition latest, String caseReference) {
        List<String> dropped = droppedBy(earlier, latest);
        if (!dropped.isEmpty()) {
            log.warn("Customer feedbacks on version {} stay on it: the latest version {} has not {}",
                    earlier.getVersion(), latest.getVersion(), dropped);
            return 0;
        }
        MigrationPlan plan;
        try {
            plan = runtime.createMigrationPlan(earlier.getId(), latest.getId()).mapEqualActivities().build();
        } catch (MigrationPlanValidationException refused) {
            log.warn("Customer feedbacks on version {} stay on it: {}", earlier.getVersion(), refused.getMessage());
            return 0;
        }
        int moved = 0;
        for (ProcessInstance feedback : running(earlier, caseReference)) {
            try {
                transaction.executeWithoutResult(status -> {
                    if (runtime.getVariable(feedback.getId(), "reimbursementApprovalWindow") == null) {
                        // The case's window, as OpenCaseFileDelegate sets it; AskForFeedbackDelegate copies it now.
                        runtime.setVariable(feedback.getId(), "reimbursementApprovalWindow",
                                properties.reimbursement().approvalWindow().toString());
                    }
                    runtime.newMigration(plan).processInstanceIds(feedback.getId()).execute();
                });
                moved++;
            } catch (RuntimeException refused) {
                log.warn("Customer feedback {} of case {} stays on version {}: {}", feedback.getId(),
                        feedback.getBusinessKey(), earlier.getVersion(), refused.getMessage());
            }
        }
        log.info("{} customer feedbacks moved from version {} to version {}", moved, earlier.getVersion(),
                latest.getVersion());
        return moved;
    }

    /** The flow nodes of the earlier version that the latest has not, with the same id and kind. */
    private List<String> droppedBy(ProcessDefinition earlier, ProcessDefinition latest) {
        Map<String, String> kept = flowNodes(latest);
        return flowNodes(earlier).entrySet().stream()
                .filter(node -> !Objects.equals(kept.get(node.getKey()), node.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private Map<String, String> flowNodes(ProcessDefinition version) {
        return repository.getBpmnModelInstance(version.getId()).getModelElementsByType(FlowNode.class).stream()
                .collect(Collectors.toMap(FlowNode::getId, node -> node.getElementType().getTypeName()));
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return BEFORE_ANYONE_WORKS;
    }
}
