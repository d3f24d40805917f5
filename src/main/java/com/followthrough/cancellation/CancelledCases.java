package com.followthrough.cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.promise.CallDecisionListener;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.servicelevel.ResolutionClock;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * A cancelled case leaves nothing open and loses nothing. A support case cancelled (Cockpit's "Cancel process
 * instance", or deleted through the engine's API, with or without a reason) counts a pause of the resolution clock
 * under way while it waited on the customer in {@code pausedMinutes} ({@link ResolutionClock#endedWithTheCase}). A
 * KeepPromise cancelled cancels the promises it keeps that are still open (nobody calls; they are neither kept nor
 * broken, {@link Promises#cancelOpenKeptBy}): cancelled with its case, whose cancellation reaches the instances it
 * called, or alone (Cockpit). Alone, the engine then cancels the step that called it without leaving it by its
 * flow, and every scope around it in which nothing else runs: a case would be cancelled whole, or run on without
 * its work and end as solved, or wait at "Customer satisfied?"; a customer's feedback would drop the callback
 * promised on the last-chance call, or end whole. So someone owns the call the customer was told of first, beside
 * the step, in the same scope, and the process goes on there ({@link #STEP_INSTEAD}):
 * KeepPromiseCancelledAloneProcessTest.
 * <p>
 * Built-in end listeners on every version of SupportCase and KeepPromise the engine deploys, not ones in the models:
 * Cockpit cancels with custom listeners skipped, and a model's listener would not reach instances started on earlier
 * versions.
 */
@Component
public class CancelledCases extends AbstractProcessEnginePlugin {

    /**
     * By step that calls KeepPromise, who takes over the call when only the KeepPromise it called is cancelled: in a
     * case, its owner promises a new time ("Promise a callback", escalating to the supervisors when late); in a
     * customer's feedback, a supervisor makes the last-chance call again, as after a callback that reached nobody.
     */
    private static final String LAST_CHANCE_PROMISE = "CallActivity_KeepLastChancePromise";
    private static final Map<String, String> STEP_INSTEAD = Map.of(
            "CallActivity_KeepPromise", "Task_PromiseCallback",
            LAST_CHANCE_PROMISE, "Task_CallForALastChance");
    private static final String LAST_CHANCE_WINDOW = "lastChanceWindow";

    private final ObjectProvider<Promises> promises;
    private final ObjectProvider<ResolutionClock> resolutionClock;
    private final ObjectProvider<EngineClock> clock;
    private final ObjectProvider<CaseDeadlines> deadlines;

    public CancelledCases(ObjectProvider<Promises> promises, ObjectProvider<ResolutionClock> resolutionClock,
                          ObjectProvider<EngineClock> clock, ObjectProvider<CaseDeadlines> deadlines) {
        this.promises = promises;
        this.resolutionClock = resolutionClock;
        this.clock = clock;
        this.deadlines = deadlines;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                if (Processes.SUPPORT_CASE.equals(definition.getKey())) {
                    definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) CancelledCases.this::caseEnded);
                } else if (Processes.KEEP_PROMISE.equals(definition.getKey())) {
                    definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) CancelledCases.this::keepingThePromiseEnded);
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /**
     * Whether an instance was cancelled, as the engine's history records its end: deleted with a reason, or without
     * one, as Cockpit's "Cancel process instance" deletes it through the engine's REST API (no reason; the history
     * says externally terminated), or by a cancellation that reached it (the modification of its last step, the
     * instance it called cancelled alone in Cockpit). For what reads the history or its events (the insights' case
     * facts). The listeners here, which run while the instance ends, ask the engine the same
     * ({@link DelegateExecution#isCanceled()}); the two agree for each of those ways (CancelledCasesInsightsTest,
     * InsightsFiguresTest).
     */
    public static boolean asRecorded(String deleteReason, String state) {
        return deleteReason != null || HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(state);
    }

    private void caseEnded(DelegateExecution supportCase) {
        if (supportCase.isCanceled()) {
            resolutionClock.getObject().endedWithTheCase(supportCase);
        }
    }

    private void keepingThePromiseEnded(DelegateExecution keepPromise) {
        if (keepPromise.isCanceled()) {
            promises.getObject().cancelOpenKeptBy(CaseVariable.CASE_REFERENCE.get(keepPromise),
                    keepPromise.getProcessInstanceId(), clock.getObject().now());
            DelegateExecution step = keepPromise.getSuperExecution();
            if (cancelledAloneIn(step)) {
                // what the step's end listener, which Cockpit skips, does: no decision on the customer is coming
                step.removeVariable(CallDecisionListener.CALL_DECISION_DUE_AT);
                if (LAST_CHANCE_PROMISE.equals(step.getCurrentActivityId())) {
                    // the fresh window the step's output gives the call made again (Cockpit skips the mapping)
                    CaseVariable.LAST_CHANCE_DUE_AT.set(step,
                            deadlines.getObject().after((String) step.getVariable(LAST_CHANCE_WINDOW)));
                }
                keepPromise.getProcessEngineServices().getRuntimeService()
                        .createProcessInstanceModification(step.getProcessInstanceId())
                        .startBeforeActivity(STEP_INSTEAD.get(step.getCurrentActivityId()),
                                step.getParentActivityInstanceId())
                        .execute();
            }
        }
    }

    /**
     * Whether a step that calls KeepPromise ends because only the instance it called was cancelled (Cockpit's "Cancel
     * process instance" on it, or the engine's API): the process that called it (a case, a customer's feedback) is not
     * being cancelled (its execution, or one around its step, ending), nor modified (the engine preserves the scope of
     * a process it modifies), nor does its own model end the work around the step (an interrupting event ends that
     * scope first). Impl classes: the public API does not tell, while the called instance ends, whether the engine is
     * ending the caller's side too.
     */
    private static boolean cancelledAloneIn(DelegateExecution calling) {
        if (calling == null || !STEP_INSTEAD.containsKey(calling.getCurrentActivityId())) {
            return false;
        }
        ExecutionEntity step = (ExecutionEntity) calling;
        if (step.getProcessInstance().isPreserveScope()) {
            return false;
        }
        for (ExecutionEntity scope = step; scope != null; scope = scope.getParent()) {
            if (scope.isEnded()) {
                return false;
            }
        }
        return true;
    }
}
