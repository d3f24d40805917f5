package com.followthrough.servicelevel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the public holiday rules ({@link PublicHolidays}) once the app is ready, on a thread of its own: the start
 * does not wait for them, and neither does the first case whose deadline needs them.
 */
@Component
class HolidayRulesWarmUp {

    private static final Logger log = LoggerFactory.getLogger(HolidayRulesWarmUp.class);

    private final BusinessCalendars calendars;

    HolidayRulesWarmUp(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    @EventListener(ApplicationReadyEvent.class)
    void readTheRulesInTheBackground() {
        Thread reader = new Thread(this::readTheRules, "holiday-rules");
        reader.setDaemon(true);
        reader.start();
    }

    private void readTheRules() {
        try {
            calendars.prepareThisYear();
        } catch (RuntimeException e) {
            // The first deadline on that calendar reads them again and fails where a caller sees it.
            log.warn("Could not read the public holiday rules ahead of the first case", e);
        }
    }
}
