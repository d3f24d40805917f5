package com.followthrough.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.followthrough.DecisionTestEngine;

/**
 * The last-chance decision (processes/last-chance.dmn), run when a closed case's survey is answered or its window
 * passes: a poor rating, a broken promise or a missed guarantee brings a supervisor's call, with the reason.
 */
@Deployment(resources = "processes/last-chance.dmn")
class LastChanceDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension engine = DecisionTestEngine.extension();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    /** One case per rule, in table order: rating, promisesBroken, guaranteeBreached, expected outputs. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("a. rated 2 of 5, nothing broken: call", 2, 0, false, true,
                        "They rated us poorly: find out what went wrong for them."),
                Arguments.of("b. rated 5 of 5, but a promise broken: call", 5, 1, false, true,
                        "We broke a promise to call them back."),
                Arguments.of("c. no answer, a service level missed: call", null, 0, true, true,
                        "We missed a service level we guarantee: the first response or the resolution came late."),
                Arguments.of("d. rated 3 of 5, everything kept: the customer is heard", 3, 0, false, false,
                        "Nothing went wrong that we know of."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleDecidesWhetherASupervisorCalls(String rule, Integer rating, Integer promisesBroken,
            Boolean guaranteeBreached, boolean lastChanceNeeded, String reason) {
        assertThat(decide(rating, promisesBroken, guaranteeBreached))
                .containsEntry("lastChanceNeeded", lastChanceNeeded)
                .containsEntry("lastChanceReason", reason);
    }

    @Test
    void onlyOneAndTwoArePoorRatings() {
        assertThat(decide(1, 0, false)).containsEntry("lastChanceNeeded", true);
        assertThat(decide(2, 0, false)).containsEntry("lastChanceNeeded", true);
        assertThat(decide(3, 0, false)).containsEntry("lastChanceNeeded", false);
        assertThat(decide(4, 0, false)).containsEntry("lastChanceNeeded", false);
        assertThat(decide(5, 0, false)).containsEntry("lastChanceNeeded", false);
    }

    @Test
    void aPoorRatingIsTheReasonGivenEvenWhenAPromiseWasAlsoBroken() {
        assertThat(decide(1, 2, true)).containsEntry("lastChanceReason",
                "They rated us poorly: find out what went wrong for them.");
    }

    @Test
    void aSurveyNeverAnsweredWithNothingBrokenNeedsNoCall() {
        Map<String, Object> decision = evaluate(Variables.createVariables()
                .putValue("promisesBroken", 0)
                .putValue("guaranteeBreached", false));

        assertThat(decision).containsEntry("lastChanceNeeded", false);
    }

    /** Over every combination of the inputs (including empty ones): one answer, a call exactly when something went wrong. */
    @Test
    void aCallExactlyWhenTheCustomerRatedUsPoorlyOrWeBrokeOurWord() {
        List<Integer> ratings = Arrays.asList(null, 1, 2, 3, 4, 5);
        List<Integer> promises = Arrays.asList(null, 0, 1, 3);
        List<Boolean> flags = Arrays.asList(null, false, true);
        int evaluated = 0;
        for (Integer rating : ratings) {
            for (Integer promisesBroken : promises) {
                for (Boolean guaranteeBreached : flags) {
                    boolean expected = rating != null && rating <= 2
                            || promisesBroken != null && promisesBroken > 0
                            || Boolean.TRUE.equals(guaranteeBreached);
                    assertThat(decide(rating, promisesBroken, guaranteeBreached))
                            .as(rating + "/" + promisesBroken + "/" + guaranteeBreached)
                            .containsEntry("lastChanceNeeded", expected);
                    evaluated++;
                }
            }
        }
        assertThat(evaluated).isEqualTo(6 * 4 * 3);
    }

    private Map<String, Object> decide(Integer rating, Integer promisesBroken, Boolean guaranteeBreached) {
        return evaluate(Variables.createVariables()
                .putValue("rating", rating)
                .putValue("promisesBroken", promisesBroken)
                .putValue("guaranteeBreached", guaranteeBreached));
    }

    private Map<String, Object> evaluate(VariableMap variables) {
        DmnDecisionResult result = processEngine.getDecisionService().evaluateDecisionByKey("LastChance").variables(variables).evaluate();
        assertThat(result).as("a FIRST table with a catch-all rule always answers once").hasSize(1);
        return result.getSingleResult().getEntryMap();
    }
}
