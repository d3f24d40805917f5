package com.followthrough.insights;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The case facts ({@code ft_case_fact}, one row per support case): registers the {@link CaseFactRecorder} that keeps
 * them, beside the engine's own history handler, which keeps writing {@code ACT_HI_*} as before (Cockpit and the case
 * timeline read those), and answers what other capabilities ask of them.
 */
@Component
public class CaseFacts extends AbstractProcessEnginePlugin {

    /** An agent's support cases that have not closed, through {@code ix_ft_case_fact_owner}. */
    public static final String NOT_CLOSED_OWNED_BY =
            "SELECT process_instance_id FROM ft_case_fact WHERE owner = :owner AND closed_at IS NULL";

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

    /** The process instances of the support cases {@code owner} owns that have not closed (the capacity rule's). */
    public List<String> notClosedOwnedBy(String owner) {
        return jdbc.sql(NOT_CLOSED_OWNED_BY).param("owner", owner).query(String.class).list();
    }
}
