package com.followthrough.reimbursement;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Check the guarantees we gave": was the first response or the resolution late, and how many promises
 * were broken? These are the facts the reimbursement decision weighs ("Know your company's guarantees").
 */
@Component("checkGuarantees")
public class CheckGuaranteesDelegate implements JavaDelegate {

    private final Promises promises;
    private final EngineClock clock;

    public CheckGuaranteesDelegate(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Date firstResponseDue = CaseVariable.FIRST_RESPONSE_DUE_AT.get(execution);
        Date firstResponded = CaseVariable.FIRST_RESPONDED_AT.get(execution);
        Date resolutionDue = CaseVariable.RESOLUTION_DUE_AT.get(execution);
        Date resolved = CaseVariable.RESOLVED_AT.get(execution);
        Date resolvedOrNow = resolved == null ? clock.nowAsDate() : resolved;
        // The acknowledgment promised a person by firstResponseDueAt, and Work on the solution keeps that promise
        // until the solution ends it: late when the first personal contact came after it, or when none had come by a
        // resolution after it. Solved before it, with nobody reached yet, the customer waited less than we said.
        // The first solution counts, not one after a reopening: solved in time, the customer had their answer.
        Date firstSolution = execution.getVariable("firstResolvedAt") instanceof Date first ? first : resolvedOrNow;
        boolean firstResponseLate = firstResponseDue != null
                && (firstResponded == null ? firstSolution : firstResponded).after(firstResponseDue);
        // A supervisor who set a new date after a missed target moved resolutionDueAt; the first miss still counts.
        boolean resolutionLate = resolvedOrNow.after(resolutionDue)
                || Boolean.TRUE.equals(execution.getVariable("resolutionTargetMissed"));
        execution.setVariable("firstResponseLate", firstResponseLate);
        execution.setVariable("resolutionLate", resolutionLate);
        execution.setVariable("guaranteeBreached", firstResponseLate || resolutionLate);
        execution.setVariable("promisesBroken", promises.countBroken(CaseVariable.CASE_REFERENCE.get(execution)));
    }
}
