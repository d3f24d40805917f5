package com.followthrough.process;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * For tests of cases on an earlier model version (copies under {@code src/test/resources/earlier-models}): deploys
 * models beside the application's, as an upgrade leaves running cases on theirs, and after each test removes them with
 * their cases, so that the application's own are the latest again. Each test starts on Monday 09:00.
 */
class ModelUpgrades implements BeforeEachCallback, AfterEachCallback {

    private final List<String> deployments = new ArrayList<>();
    private ProcessEngine engine;

    @Override
    public void beforeEach(ExtensionContext context) {
        engine = SpringExtension.getApplicationContext(context).getBean(ProcessEngine.class);
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClockUtil.reset();
        deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
        deployments.clear();
    }

    /** Deploys these classpath resources as one deployment, the latest version of each model in them. */
    void deploy(String... resources) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("upgrade test");
        for (String resource : resources) {
            deployment.addClasspathResource(resource);
        }
        deployments.add(deployment.deploy().getId());
    }
}
