package com.followthrough.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A variable sent to Camunda's REST APIs whose value is not of its {@code type} ({@code {"value": 1, "type":
 * "Date"}}, {@code "abc"} of type {@code Integer}): Camunda answered {@code 400} with a message naming the server's
 * Java class ("Cannot convert value '1' of type 'Date' to java type java.util.Date"), and without the variable when
 * several were sent. Here that answer becomes a {@code 400} problem detail as our other refusals on these APIs are
 * (with Camunda's {@code message}), naming the value of each such variable in the body and what it takes. A body the
 * parser could not read at all is {@link UnreadableBodies}'. Any other answer passes as the engine gave it.
 */
class EngineRestBodyErrors extends OncePerRequestFilter {

    private static final Pattern CONVERSION =
            Pattern.compile("Cannot convert value '(.*)' of type '(\\w+)' to java type", Pattern.DOTALL);
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** As much of a body as is kept to find the variable in: the engine APIs' request limit is far below. */
    private static final int BODY_KEPT = 1 << 20;

    private final ObjectMapper json;

    EngineRestBodyErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!WITH_BODY.contains(request.getMethod().toUpperCase())) {
            chain.doFilter(request, response);
            return;
        }
        var sent = new ContentCachingRequestWrapper(request, BODY_KEPT);
        var answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(sent, answer);
        Optional<Matcher> conversion = answer.getStatus() == HttpStatus.BAD_REQUEST.value()
                ? camundaMessage(answer.getContentAsByteArray()).map(CONVERSION::matcher).filter(Matcher::find)
                : Optional.empty();
        if (conversion.isPresent()) {
            answer.resetBuffer();
            ProblemResponse.write(request, answer, json, ProblemResponse.withCamundaMessage(ApiProblem.invalid(
                    valuesAtFault(conversion.get().group(1), conversion.get().group(2),
                            body(sent.getContentAsByteArray()))).problemDetail()));
        }
        answer.copyBodyToResponse();
    }

    private Optional<String> camundaMessage(byte[] answered) {
        try {
            return Optional.ofNullable(json.readTree(answered)).map(body -> body.path("message"))
                    .filter(JsonNode::isTextual).map(JsonNode::asText);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> body(byte[] sent) {
        try {
            return Optional.ofNullable(json.readTree(new String(sent, StandardCharsets.UTF_8)));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The value of each variable sent of {@code type} that reads {@code value}, and what it takes. */
    static List<ApiProblem.FieldError> valuesAtFault(String value, String type, Optional<JsonNode> body) {
        List<String> paths = new ArrayList<>();
        body.ifPresent(sent -> variablesOf(sent, "", type, value, paths));
        String takes = "must be " + takenBy(type) + ", not '" + value + "'";
        return (paths.isEmpty() ? List.of("value") : paths).stream()
                .map(path -> new ApiProblem.FieldError(path, takes)).toList();
    }

    private static void variablesOf(JsonNode node, String at, String type, String value, List<String> paths) {
        if (node.isObject() && type.equalsIgnoreCase(node.path("type").asText())
                && node.has("value") && value.equals(node.get("value").asText())) {
            paths.add(at.isEmpty() ? "value" : at + ".value");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                variablesOf(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey(), type, value,
                        paths);
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                variablesOf(node.get(index), at + "[" + index + "]", type, value, paths);
            }
        }
    }

    /** What a variable of a primitive type of Camunda's takes, as its {@code value}. */
    private static String takenBy(String type) {
        return switch (type.toLowerCase()) {
            case "date" -> "a date like 2026-11-23T09:00:00.000+0100 (type Date)";
            case "integer", "short", "long" -> "a whole number (type " + type + ")";
            case "double" -> "a number (type " + type + ")";
            case "boolean" -> "true or false (type " + type + ")";
            default -> "a value of type " + type;
        };
    }
}
