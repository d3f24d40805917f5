package com.followthrough.intake;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResultWithVariables;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Service;

/**
 * Opens a case that did not start with a call (email, web, chat): the SupportCase process starts through its
 * message start event "Case received" with the shared start variables, and assigns the reference itself.
 */
@Service
public class CaseIntake {

    public static final String CASE_RECEIVED = "Message_CaseReceived";

    private final RuntimeService runtimeService;

    public CaseIntake(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** A case just opened: its reference, and its deadlines as the start set them (null when it set none). */
    public record Opened(String reference, Instant firstResponseDueAt, Instant resolutionDueAt) {
    }

    /** Returns the new case's reference. */
    public String receive(Map<String, Object> startVariables) {
        return open(startVariables).reference();
    }

    /**
     * Opens the case and answers what the start set, from the instance the engine holds in memory: no query, and none
     * under the caller's authorizations, since an agent may open a case (e.g. from a phone call) without being
     * allowed to read it yet. The reference is the business key the start assigned in this same call. Only the start
     * event waits for this message, so the engine is told not to look for a running case that waits for it: one
     * query less per case (issue 16).
     */
    public Opened open(Map<String, Object> startVariables) {
        MessageCorrelationResultWithVariables result = runtimeService.createMessageCorrelation(CASE_RECEIVED)
                .startMessageOnly()
                .setVariables(startVariables)
                .correlateWithResultAndVariables(false);
        VariableMap variables = result.getVariables();
        return new Opened(result.getProcessInstance().getBusinessKey(), instant(variables, "firstResponseDueAt"),
                instant(variables, "resolutionDueAt"));
    }

    private static Instant instant(VariableMap variables, String name) {
        return variables != null && variables.get(name) instanceof Date date ? date.toInstant() : null;
    }
}
