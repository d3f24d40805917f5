package com.followthrough;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * One plain (non-Spring) in-memory process engine per JVM for the decision tests, so every
 * {@code *DecisionTest} class shares it and a decision table can be tested in milliseconds,
 * without the application context. Same rules as the application: history FULL, a
 * history time to live required on every deployed decision, and FEEL parsed once per expression
 * ({@link FeelParsedOncePlugin}).
 */
public final class DecisionTestEngine {

    private static final ProcessEngine ENGINE = build();

    private DecisionTestEngine() {
    }

    /** A JUnit 5 extension on the shared engine; each test's {@code @Deployment} is deployed and removed again. */
    public static ProcessEngineExtension extension() {
        return ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();
    }

    private static ProcessEngine build() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("dmn-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:dmn-tests;DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.getProcessEnginePlugins().add(new FeelParsedOncePlugin());
        return configuration.buildProcessEngine();
    }
}
