package com.followthrough.demo;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Generates the demo history on the first start, at the one moment the engine clock may move: the models are deployed
 * and Flyway has run (every bean exists), but the web server has not started (it starts in the lifecycle phase
 * {@code DEFAULT_PHASE - 2048}, this runs before it) and neither has the job executor (the Camunda starter starts it
 * on {@code ApplicationReadyEvent}, later still), nor Spring's scheduled tasks such as the mail dispatcher (on
 * {@code ContextRefreshedEvent}, after the lifecycle phases).
 */
@Component
@Profile("demo")
@EnableConfigurationProperties(DemoHistoryProperties.class)
class DemoHistoryStartup implements SmartLifecycle {

    static final int BEFORE_THE_WEB_SERVER = DEFAULT_PHASE - 4096;

    private final DemoHistory history;
    private final DemoHistoryProperties properties;
    private volatile boolean running;

    DemoHistoryStartup(DemoHistory history, DemoHistoryProperties properties) {
        this.history = history;
        this.properties = properties;
    }

    @Override
    public void start() {
        history.generateOnce(properties.cases(), properties.weeks(), properties.seed());
        running = true;
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
        return BEFORE_THE_WEB_SERVER;
    }
}
