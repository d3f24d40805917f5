package com.followthrough.communication;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;

/**
 * "Check when the customer last heard from us": a progress update is due only if no message went out to
 * the customer within the case's update interval ("DON'T say/write nothing").
 */
@Component("checkLastCustomerContact")
public class CheckLastCustomerContactDelegate implements JavaDelegate {

    private final CustomerMessages messages;
    private final EngineClock clock;

    public CheckLastCustomerContactDelegate(CustomerMessages messages, EngineClock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Duration interval = Duration.parse((String) execution.getVariable("updateInterval"));
        Instant silentSince = clock.now().minus(interval);
        boolean heardFromUs = messages.lastOutboundAt((String) execution.getVariable("caseReference"))
                .map(last -> last.isAfter(silentSince))
                .orElse(false);
        execution.setVariable("progressUpdateDue", !heardFromUs);
    }
}
