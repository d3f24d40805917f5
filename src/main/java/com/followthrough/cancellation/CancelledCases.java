package com.followthrough.cancellation;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.ResolutionClock;
import com.followthrough.vocabulary.Processes;

/**
 * A cancelled case leaves nothing open and loses nothing. A support case cancelled (Cockpit's "Cancel process
 * instance", or deleted through the engine's API, with or without a reason) cancels its promises still open with it
 * (nobody calls; they are neither kept nor broken, {@link Promises#cancelOpenOf}), and a pause of the resolution
 * clock under way while it waited on the customer is counted in {@code pausedMinutes}
 * ({@link ResolutionClock#endedWithTheCase}).
 * <p>
 * A built-in end listener on every version of SupportCase the engine deploys, not one in the model: Cockpit cancels
 * with custom listeners skipped, and a model's listener would not reach cases started on earlier versions.
 */
@Component
public class CancelledCases extends AbstractProcessEnginePlugin {

    private final ObjectProvider<Promises> promises;
    private final ObjectProvider<ResolutionClock> resolutionClock;
    private final ObjectProvider<EngineClock> clock;

    public CancelledCases(ObjectProvider<Promises> promises, ObjectProvider<ResolutionClock> resolutionClock,
                          ObjectProvider<EngineClock> clock) {
        this.promises = promises;
        this.resolutionClock = resolutionClock;
        this.clock = clock;
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
                            (ExecutionListener) CancelledCases.this::ended);
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

    private void ended(DelegateExecution supportCase) {
        if (!supportCase.isCanceled()) {
            return;
        }
        resolutionClock.getObject().endedWithTheCase(supportCase);
        promises.getObject().cancelOpenOf(supportCase.getProcessBusinessKey(), clock.getObject().now());
    }
}
