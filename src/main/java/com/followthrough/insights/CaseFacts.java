package com.followthrough.insights;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registers the {@link CaseFactRecorder} beside the engine's own history handler, which keeps writing
 * {@code ACT_HI_*} as before (Cockpit and the case timeline read those).
 */
@Component
public class CaseFacts extends AbstractProcessEnginePlugin {

    private final JdbcClient jdbc;

    public CaseFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new CaseFactRecorder(jdbc));
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(true);
    }
}
