package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * FEEL parsed once gives what Camunda's engine gives: a kept parse is evaluated against each call's own values, and
 * what does not parse fails as before. The decision tests run on it too ({@link DecisionTestEngine}).
 */
class FeelParsedOncePluginTest {

    private final FeelEngine feel = new FeelParsedOncePlugin.ParsedOnce(List.of());

    @Test
    void aKeptInputEntryIsTestedAgainstEachCallsInput() {
        assertThat(feel.evaluateSimpleUnaryTests("< 3", "cellInput", input(2))).isTrue();
        assertThat(feel.evaluateSimpleUnaryTests("< 3", "cellInput", input(5))).isFalse();
        assertThat(feel.evaluateSimpleUnaryTests("\"en\",\"de\"", "cellInput", input("de"))).isTrue();
        assertThat(feel.evaluateSimpleUnaryTests("\"en\",\"de\"", "cellInput", input("fr"))).isFalse();
    }

    @Test
    void aKeptExpressionIsEvaluatedWithEachCallsVariables() {
        assertThat(feel.<Object>evaluateSimpleExpression("amount * 2", values("amount", 3))).isEqualTo(6L);
        assertThat(feel.<Object>evaluateSimpleExpression("amount * 2", values("amount", 5))).isEqualTo(10L);
    }

    @Test
    void whatDoesNotParseFailsAsInCamundasEngine() {
        assertThatThrownBy(() -> feel.evaluateSimpleUnaryTests("< < 3", "cellInput", input(2)))
                .isInstanceOf(FeelException.class);
        assertThatThrownBy(() -> feel.evaluateSimpleExpression("amount *", values("amount", 3)))
                .isInstanceOf(FeelException.class);
    }

    private static VariableContext input(Object value) {
        return values("cellInput", value);
    }

    private static VariableContext values(String name, Object value) {
        return Variables.createVariables().putValue(name, value).asVariableContext();
    }
}
