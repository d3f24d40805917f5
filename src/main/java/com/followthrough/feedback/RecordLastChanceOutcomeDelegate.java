package com.followthrough.feedback;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;

/**
 * "Record whether the customer stays": the outcome of the supervisor's last-chance call ({@code lastChanceOutcome}:
 * stays, leaves or noAnswer) goes into {@code ft_feedback} beside the customer's rating, where the analysts count it.
 */
@Component("recordLastChanceOutcome")
public class RecordLastChanceOutcomeDelegate implements JavaDelegate {

    static final Set<String> OUTCOMES = Set.of("stays", "leaves", "noAnswer");

    private final Surveys surveys;
    private final EngineClock clock;

    public RecordLastChanceOutcomeDelegate(Surveys surveys, EngineClock clock) {
        this.surveys = surveys;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = CaseVariables.text(execution, "lastChanceOutcome");
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("lastChanceOutcome must be one of " + OUTCOMES.stream().sorted().toList()
                    + ", not '" + outcome + "'");
        }
        surveys.lastChanceTaken(execution.getProcessBusinessKey(), outcome, clock.now());
    }
}
