package com.followthrough.formcheck;

import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Variable values as form-js sees them: a Spin or Jackson JSON value becomes plain lists, maps and scalars. */
final class PlainValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainValues() {
    }

    static Object of(Object value) {
        try {
            if (value instanceof SpinJsonNode spin) {
                return JSON.readValue(spin.toString(), Object.class);
            }
            if (value instanceof JsonNode node) {
                return JSON.treeToValue(node, Object.class);
            }
        } catch (JsonProcessingException unreadable) {
            return value;
        }
        return value;
    }
}
