package com.followthrough;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;

/** The job executor is off in the tests: a case's asynchronous steps (messages to the customer) run when a test says. */
public final class AsyncSteps {

    private AsyncSteps() {
    }

    /** Runs the waiting steps of every instance of the case (its promises and survey too) until none is left. */
    public static void runFor(ProcessEngine engine, String reference) {
        for (int round = 0; round < 20; round++) {
            List<Job> waiting = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(reference).list().stream()
                    .flatMap(instance -> engine.getManagementService().createJobQuery()
                            .processInstanceId(instance.getId()).messages().list().stream())
                    .toList();
            if (waiting.isEmpty()) {
                return;
            }
            waiting.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("asynchronous steps keep coming for case " + reference);
    }
}
