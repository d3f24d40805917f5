package com.followthrough;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;

/**
 * The decisions' FEEL, parsed once per expression: Camunda 7's {@link ScalaFeelEngine} parses every input entry
 * and input expression again on each evaluation (feel-scala#1149), 11 % of the intake request's CPU with its two
 * decision tables (docs/benchmarks.md). The engine, its value mappers and function providers stay Camunda's; only
 * the parse is kept, per expression text: {@code FeelEngine.evalUnaryTests} and {@code evalExpression} are a parse
 * followed by {@code eval}, which is what is called here with the kept result. A text that fails to parse is left to
 * Camunda's engine, which reports it as before. Kept per distinct text: the deployed decisions' expressions, a few
 * hundred; a redeployed table adds only the texts it changed.
 */
@Component
public class FeelParsedOncePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (dmn.getFeelEngineFactory() == null && !configuration.isDmnFeelEnableLegacyBehavior()) {
            dmn.setFeelEngineFactory(new ScalaFeelEngineFactory() {
                @Override
                public FeelEngine createInstance() {
                    return new ParsedOnce(dmn.getFeelCustomFunctionProviders());
                }
            });
        }
        configuration.setDmnEngineConfiguration(dmn);
    }

    /** Camunda's FEEL engine, keeping each expression's parse. */
    static final class ParsedOnce extends ScalaFeelEngine {

        private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
        private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

        ParsedOnce(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
            ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
            if (parsed == null) {
                return super.evaluateSimpleExpression(expression, variables);
            }
            return (T) valueOf(feelEngine.eval(parsed, context(new ContextVariableWrapper(variables))));
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
            ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
            if (parsed == null) {
                return super.evaluateSimpleUnaryTests(expression, inputVariable, variables);
            }
            VariableProvider input = new VariableProvider.StaticVariableProvider(
                    new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
            VariableProvider both = new VariableProvider.CompositeVariableProvider(
                    toScalaList(input, new ContextVariableWrapper(variables)));
            return camundajar.impl.scala.runtime.BoxesRunTime.unboxToBoolean(
                    valueOf(feelEngine.eval(parsed, context(both))));
        }

        private static ParsedExpression parsed(Map<String, ParsedExpression> kept, String expression,
                                               Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parse) {
            ParsedExpression parsed = kept.get(expression);
            if (parsed == null && parse.apply(expression) instanceof Right<?, ?> right) {
                parsed = (ParsedExpression) right.value();
                kept.putIfAbsent(expression, parsed);
            }
            return parsed;
        }

        private static Context context(VariableProvider variables) {
            return new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            };
        }

        private static Object valueOf(Either<org.camunda.feel.FeelEngine.Failure, Object> result) {
            if (result instanceof Right<?, ?> right) {
                return right.value();
            }
            throw LOGGER.evaluationException(((org.camunda.feel.FeelEngine.Failure) ((Left<?, ?>) result).value()).message());
        }
    }
}
