package com.followthrough.intake;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

    /** Returns the new case's reference. */
    public String receive(Map<String, Object> startVariables) {
        ProcessInstance instance = runtimeService.createMessageCorrelation(CASE_RECEIVED)
                .setVariables(startVariables)
                .correlateStartMessage();
        // The reference is the business key the start assigned in this same call, so it is read from the started
        // instance itself: a query would run under the caller's authorizations, and an agent may open a case
        // (e.g. from a phone call) without being allowed to read it yet.
        return instance.getBusinessKey();
    }
}
