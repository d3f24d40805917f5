package com.followthrough.formcheck;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

/**
 * Evaluates the FEEL expressions of a form ({@code conditional.hide}, {@code valuesExpression}) with the FEEL engine
 * that Camunda's DMN engine uses, so the server reads them as form-js in Tasklist does. An expression that does not
 * parse or evaluate gives nothing: the caller then does not rely on it.
 */
@Component
class FeelExpressions {

    private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    private final Map<String, Optional<ParsedExpression>> parsed = new ConcurrentHashMap<>();

    Optional<Object> evaluate(String expression, Map<String, Object> variables) {
        return parsed.computeIfAbsent(expression, this::parse).flatMap(expr -> {
            var result = feel.evaluate(expr, variables);
            return result.isSuccess() ? Optional.ofNullable(result.result()) : Optional.empty();
        });
    }

    /** {@code true} when the expression says "hidden", {@code empty} when it cannot be told. */
    Optional<Boolean> isTrue(String expression, Map<String, Object> variables) {
        return evaluate(expression, variables).filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    private Optional<ParsedExpression> parse(String expression) {
        String feelText = expression.startsWith("=") ? expression.substring(1) : expression;
        ParseResult result = feel.parseExpression(feelText);
        return result.isSuccess() ? Optional.of(result.parsedExpression()) : Optional.empty();
    }
}
