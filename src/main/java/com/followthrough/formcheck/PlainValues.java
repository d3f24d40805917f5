package com.followthrough.formcheck;

import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Variable values as form-js sees them: a Spin or Jackson JSON value becomes plain lists, maps and scalars; so does
 * Json text as Tasklist reads a form's variables ({@code deserializeValues=false}), which it parses when the type is
 * {@code Json} or the data format {@code application/json}.
 */
final class PlainValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainValues() {
    }

    /**
     * The JSON text of a value that is JSON as a variable (a Spin or Jackson node, or a {@code Json} value as sent over
     * REST); empty for any other value. Tasklist sends a field's one value as it is, never as JSON.
     */
    static java.util.Optional<String> jsonText(Object value) {
        if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
            boolean json = "json".equals(serialized.getType().getName())
                    || "application/json".equals(serialized.getSerializationDataFormat());
            return json ? java.util.Optional.ofNullable(serialized.getValueSerialized()) : java.util.Optional.empty();
        }
        if (value instanceof TypedValue typed) {
            return jsonText(typed.getValue());
        }
        return value instanceof SpinJsonNode || value instanceof JsonNode
                ? java.util.Optional.of(value.toString()) : java.util.Optional.empty();
    }

    /** Whether two plain values are the same value: numbers by their value ({@code 250} sent, {@code 250L} held). */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            try {
                return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
            } catch (NumberFormatException notFinite) {
                return x.equals(y);
            }
        }
        return java.util.Objects.equals(a, b);
    }

    static Object of(Object value) {
        try {
            if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
                boolean json = "json".equals(serialized.getType().getName())
                        || "application/json".equals(serialized.getSerializationDataFormat());
                String text = serialized.getValueSerialized();
                return json ? JSON.readValue(text, Object.class) : text;
            }
            if (value instanceof TypedValue typed) {
                return of(typed.getValue());
            }
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
