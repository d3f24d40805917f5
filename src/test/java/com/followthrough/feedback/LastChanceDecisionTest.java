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
 * The last-chance decision (processes/last-chance.dmn), run the moment a case closes: a broken promise or a missed
 * guarantee brings a supervisor's call at once, with the reason. A poor rating is {@link SurveyAnswerReaderDecisionTest}'s.
 */
@Deployment(resources = "processes/last-chance.dmn")
class LastChanceDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension engine = DecisionTestEngine.extension();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    /** One case per rule, in table order: promisesBroken, guaranteeBreached, expected outputs. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("a. a promise broken: call", 1, false, true, "We broke a promise to call them back."),
                Arguments.of("b. a service level missed: call", 0, true, true,
                        "We missed a service level we guarantee: the first response or the resolution came late."),
                Arguments.of("c. everything kept: no call at closing", 0, false, false,
                        "Every promise and guarantee kept: no call at closing."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleDecidesWhetherASupervisorCallsWhenTheCaseCloses(String rule, Integer promisesBroken,
            Boolean guaranteeBreached, boolean lastChanceNeeded, String reason) {
        assertThat(decide(promisesBroken, guaranteeBreached))
                .containsEntry("lastChanceNeeded", lastChanceNeeded)
                .containsEntry("lastChanceReason", reason);
    }

    @Test
    void aBrokenPromiseIsTheReasonGivenEvenWhenAGuaranteeWasAlsoMissed() {
        assertThat(decide(2, true)).containsEntry("lastChanceReason", "We broke a promise to call them back.");
    }

    /** Over every combination of the inputs (including empty ones): one answer, a call exactly when we broke our word. */
    @Test
    void aCallExactlyWhenWeBrokeAPromiseOrAGuarantee() {
        List<Integer> promises = Arrays.asList(null, 0, 1, 3);
        List<Boolean> flags = Arrays.asList(null, false, true);
        int evaluated = 0;
        for (Integer promisesBroken : promises) {
            for (Boolean guaranteeBreached : flags) {
                boolean expected = promisesBroken != null && promisesBroken > 0 || Boolean.TRUE.equals(guaranteeBreached);
                assertThat(decide(promisesBroken, guaranteeBreached))
                        .as(promisesBroken + "/" + guaranteeBreached)
                        .containsEntry("lastChanceNeeded", expected);
                evaluated++;
            }
        }
        assertThat(evaluated).isEqualTo(4 * 3);
    }

    private Map<String, Object> decide(Integer promisesBroken, Boolean guaranteeBreached) {
        return evaluate(Variables.createVariables()
                .putValue("promisesBroken", promisesBroken)
                .putValue("guaranteeBreached", guaranteeBreached));
    }

    private Map<String, Object> evaluate(VariableMap variables) {
        DmnDecisionResult result = processEngine.getDecisionService().evaluateDecisionByKey("LastChance").variables(variables).evaluate();
        assertThat(result).as("a FIRST table with a catch-all rule always answers once").hasSize(1);
        return result.getSingleResult().getEntryMap();
    }
}
