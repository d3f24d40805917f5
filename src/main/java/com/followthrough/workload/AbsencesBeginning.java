package com.followthrough.workload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code follow-through.workload.absence-start.interval} (a minute), hands over what absences that have begun
 * since left with the agent ({@link AbsenceHandOver#atTheStartOfAbsences}), on every node; the tests disable it and
 * call the hand-over themselves, as their clock jumps.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "follow-through.workload.absence-start.enabled", matchIfMissing = true)
class AbsencesBeginning {

    private static final Logger log = LoggerFactory.getLogger(AbsencesBeginning.class);

    private final AbsenceHandOver handOver;

    AbsencesBeginning(AbsenceHandOver handOver) {
        this.handOver = handOver;
    }

    @Scheduled(initialDelayString = "${follow-through.workload.absence-start.interval:PT1M}",
            fixedDelayString = "${follow-through.workload.absence-start.interval:PT1M}")
    void handOverWhatWasLeft() {
        try {
            var handedOver = handOver.atTheStartOfAbsences();
            if (!handedOver.isEmpty()) {
                log.info("An absence began: {} open tasks changed hands", handedOver.size());
            }
        } catch (RuntimeException failure) {
            log.error("Handing over the work of an absence that began failed; it is tried again in the next round",
                    failure);
        }
    }
}
