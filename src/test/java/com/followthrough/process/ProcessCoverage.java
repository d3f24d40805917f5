package com.followthrough.process;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.community.process_test_coverage.core.model.Collector;
import org.camunda.community.process_test_coverage.engine.platform7.CompensationEventCoverageHandler;
import org.camunda.community.process_test_coverage.engine.platform7.ElementCoverageParseListener;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.springframework.context.ApplicationContext;

/**
 * camunda-process-test-coverage on the one Spring-managed engine of the tests.
 * <p>
 * A process test class ({@link ProcessTest}) records what its tests run and writes its report to
 * {@code target/process-test-coverage/<test class>/report.html} (and {@code report.json}).
 * Only what happens from a test method's first statement on is recorded: the library starts a test's run after
 * {@code @BeforeEach}, so a process test opens its cases inside the test. Whether every process is covered by all
 * process test classes together is checked after the tests by {@code ProcessCoverageGateIT}.
 */
public final class ProcessCoverage {

    private ProcessCoverage() {
    }

    /** The library's JUnit 5 extension, without an engine of its own (it would build one from camunda.cfg.xml). */
    public static ProcessEngineCoverageExtension extension() {
        // detailed logging off, per-method coverage not logged or asserted, no process excluded, default report folder
        return new ProcessEngineCoverageExtension(false, false, List.of(), null);
    }

    /**
     * Hands the application's engine to the extension, before it prepares the first test instance
     * ({@link ProcessTestExtension#beforeAll}).
     */
    public static void useSpringEngine(ProcessEngineCoverageExtension coverage, ApplicationContext spring) {
        coverage.useProcessEngine(spring.getBean(ProcessEngine.class));
    }

    /**
     * Puts the library's parse listener into the engine before it parses the deployed processes, which the Spring
     * Boot starter does at start-up; a listener added later would never see SupportCase or KeepPromise.
     * Imported by {@code @FollowThroughSpringTest}, so the one shared test context has it.
     */
    public static class EnginePlugin extends AbstractProcessEnginePlugin {

        /** Until a process test class hands the listener its collector, what the engine runs is not recorded. */
        private static final Collector NOT_RECORDING = event -> { };

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
            // The library's listener refuses to run without a collector: without this, a Spring test that drives a
            // case before any process test class (FollowThroughApplicationTest) would fail.
            configuration.getCustomPostBPMNParseListeners().stream()
                    .filter(ElementCoverageParseListener.class::isInstance)
                    .forEach(listener -> ((ElementCoverageParseListener) listener).setCoverageState(NOT_RECORDING));
            configuration.getCustomEventHandlers().stream()
                    .filter(CompensationEventCoverageHandler.class::isInstance)
                    .forEach(handler -> ((CompensationEventCoverageHandler) handler).setCoverageState(NOT_RECORDING));
        }
    }
}
