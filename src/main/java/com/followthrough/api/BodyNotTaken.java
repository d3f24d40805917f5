package com.followthrough.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A request body sent to an endpoint of {@code /api} that takes none (the resend, taking an absence back, a
 * {@code GET}) is refused, as an unknown field is by every endpoint that takes a body: {@code 400} naming each field
 * of a JSON object, else {@code body}. Ignored, it would let a client believe it asked for something
 * ({@code "force": true}) that nothing does. An empty body, or {@code {}}, holds nothing and passes.
 */
public class BodyNotTaken implements HandlerInterceptor {

    private final ObjectMapper json;

    public BodyNotTaken(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || takesBody(method) || !mayHaveBody(request)) {
            return true;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (RequestBodyTooLargeException tooLarge) {
            throw ApiProblem.tooLarge(tooLarge.limit());
        } catch (StrictUtf8Request.MalformedUtf8Exception notUtf8) {
            throw notTaken();
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return true;
        }
        JsonNode sent;
        try {
            sent = json.readTree(body);
        } catch (JsonProcessingException notJson) {
            throw notTaken();
        }
        if (sent == null || !sent.isObject()) {
            throw notTaken();
        }
        List<ApiProblem.FieldError> fields = new ArrayList<>();
        sent.fieldNames().forEachRemaining(field -> fields.add(new ApiProblem.FieldError(field,
                "is not a field of this request: it takes no body")));
        if (!fields.isEmpty()) {
            throw ApiProblem.invalid(fields);
        }
        return true;
    }

    private static boolean takesBody(HandlerMethod method) {
        for (var parameter : method.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHaveBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static ApiProblem notTaken() {
        return ApiProblem.invalid("body", "must be empty: this request takes no body");
    }
}
