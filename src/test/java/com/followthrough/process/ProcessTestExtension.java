package com.followthrough.process;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What {@link ProcessTest} does around a process test class. The coverage library keeps a class's suite in its
 * extension instance, so each class gets one of its own, kept in the class's store (a static field in a shared base
 * class would give every class the same instance).
 */
public class ProcessTestExtension implements BeforeAllCallback, TestInstancePostProcessor, BeforeEachCallback,
        BeforeTestExecutionCallback, AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProcessTestExtension.class);
    private static final String COVERAGE = "coverage";

    @Override
    public void beforeAll(ExtensionContext context) {
        ProcessEngineCoverageExtension coverage = ProcessCoverage.extension();
        ProcessCoverage.useSpringEngine(coverage, spring(context));
        context.getStore(NAMESPACE).put(COVERAGE, coverage);
        coverage.beforeAll(context);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        coverage(context).postProcessTestInstance(testInstance, context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BpmnAwareTests.init(spring(context).getBean(ProcessEngine.class));
        ClockUtil.setCurrentTime(Date.from(CaseDriver.berlin(startsAt(context))));
    }

    /** Recording starts here, after every {@code @BeforeEach}: a test opens its cases inside the test. */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        coverage(context).beforeTestExecution(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        coverage(context).afterTestExecution(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClockUtil.reset();
    }

    /** Writes the class's report; nothing when the class never started (its Spring context failed, say). */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ProcessEngineCoverageExtension coverage = coverage(context);
        if (coverage != null) {
            coverage.afterAll(context);
        }
    }

    private static ApplicationContext spring(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context);
    }

    private static ProcessEngineCoverageExtension coverage(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(COVERAGE, ProcessEngineCoverageExtension.class);
    }

    private static String startsAt(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ProcessTest.class)
                .map(ProcessTest::startsAt).orElse(ProcessTest.MONDAY_MORNING);
    }
}
