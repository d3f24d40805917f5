package com.followthrough.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

import com.followthrough.communication.CustomerMessenger;
import com.followthrough.organization.OrganizationSetup;
import com.followthrough.vocabulary.Processes;

/**
 * The demo history: closed and open cases spread over the past weeks, generated once per database by driving the real
 * processes through the engine with the engine clock moved (as Camunda's invoice example does), so Cockpit, the case
 * API and the insights show a support team's weeks of work on a fresh demo. Demo profile only.
 *
 * <p>The engine clock ({@link ClockUtil}) is global to the JVM: generate only while nothing else runs on the engine
 * (before the job executor starts and before the app serves requests, see {@link DemoHistoryStartup}).
 */
@Service
@Profile("demo")
public class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    /** Logs every message in full when no mail server is configured: thousands of lines for the history, so muted. */
    private static final String MESSENGER_LOG = CustomerMessenger.class.getName();

    private final CaseServices services;
    private final OrganizationSetup organization;
    private final DemoHistoryMarker marker;
    private final LoggingSystem logging;

    DemoHistory(CaseServices services, OrganizationSetup organization, DemoHistoryMarker marker,
                LoggingSystem logging) {
        this.services = services;
        this.organization = organization;
        this.marker = marker;
        this.logging = logging;
    }

    /** The cases generated, by reference in the order they were opened, and how many are still open. */
    public record Generated(List<String> references, int failed, int open, Duration took) {
    }

    /**
     * Generates {@code cases} cases opened over the last {@code weeks} weeks, unless this database has its demo history
     * already (or another node is generating it right now); then, and for 0 cases, it does nothing.
     */
    public Optional<Generated> generateOnce(int cases, int weeks, long seed) {
        if (cases <= 0) {
            return Optional.empty();
        }
        Instant until = Instant.now();
        if (!marker.claim(cases, until)) {
            log.info(marker.unfinished()
                    ? "Demo history: an earlier generation did not finish; not generating again (delete the database to start over)"
                    : "Demo history: generated before, not generating again");
            return Optional.empty();
        }
        log.info("Demo history: generating {} cases over the last {} weeks ...", cases, weeks);
        LogLevel messengerLevel = muteMessengerLog();
        try {
            organization.seed();
            Generated generated = generate(new DemoStories(seed, until, weeks,
                    services.settings().support().timeZone()).draw(cases), new Random(seed + 1), until);
            marker.finished(generated.references().size(), Instant.now());
            log.info("Demo history: {} cases generated ({} still open, {} failed) in {} s", generated.references().size(),
                    generated.open(), generated.failed(), generated.took().toMillis() / 1000.0);
            return Optional.of(generated);
        } finally {
            ClockUtil.reset();
            logging.setLogLevel(MESSENGER_LOG, messengerLevel);
        }
    }

    private Generated generate(List<DemoStory> stories, Random random, Instant until) {
        long started = System.nanoTime();
        List<String> references = new ArrayList<>();
        int failed = 0;
        for (DemoStory story : stories) {
            SimulatedCase simulated = new SimulatedCase(services, story, random, until);
            try {
                references.add(simulated.play());
            } catch (RuntimeException failure) {
                failed++;
                log.warn("Demo history: a {} case opened {} could not be played to the end; it stays as it is",
                        story.path(), story.openedAt(), failure);
            }
        }
        ClockUtil.reset();
        int open = (int) references.stream().filter(reference -> services.engine().getRuntimeService()
                .createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(Processes.SUPPORT_CASE).count() > 0).count();
        return new Generated(references, failed, open, Duration.ofNanos(System.nanoTime() - started));
    }

    private LogLevel muteMessengerLog() {
        LoggerConfiguration configuration = logging.getLoggerConfiguration(MESSENGER_LOG);
        LogLevel configured = configuration == null ? null : configuration.getConfiguredLevel();
        logging.setLogLevel(MESSENGER_LOG, LogLevel.WARN);
        return configured;
    }
}
