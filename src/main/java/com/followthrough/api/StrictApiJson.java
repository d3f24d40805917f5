package com.followthrough.api;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * JSON for {@code /api} as its README promises: a wrong type is a 400, not quietly turned into text ({@code
 * "subject": 123}), a number ({@code "rating": "5"}) or a truth value, and a field sent twice is refused rather than
 * the last one winning, and so is anything after the JSON document. This shapes Spring's ObjectMapper, which only our controllers and filters read requests
 * with: Camunda's {@code /engine-rest} and the webapps bring their own ObjectMapper and keep its lenient rules.
 */
@Configuration(proxyBeanMethods = false)
public class StrictApiJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarCoercion() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .postConfigurer(mapper -> {
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
                        mapper.coercionConfigFor(number)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                });
    }
}
