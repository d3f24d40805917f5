package com.followthrough.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.followthrough.api.ApiErrors;
import com.followthrough.api.ApiProblem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A body of Camunda's REST APIs that is no JSON, or holds a value of the wrong type for its field ({@code "priority":
 * "abc"}, a text where a list or an object goes, a list for the whole body): Camunda answered {@code 400} with an
 * empty {@code message}, which names nothing (and the parser's words name the server's Java classes). Here it is a
 * {@code 400} problem detail as our other refusals on these APIs are (with Camunda's {@code message}), naming the field
 * and what it takes, or {@code body}. Registered into every Jersey application of the app by {@code META-INF/services},
 * so Tasklist's and Cockpit's API ({@code /camunda/api/engine}) answers as {@code /engine-rest} does; a variable's
 * value of the wrong type is {@link EngineRestBodyErrors}'.
 */
public class UnreadableBodies implements ForcedAutoDiscoverable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure(FeatureContext context) {
        for (Class<?> mapper : new Class<?>[] {WrongType.class, NotJson.class}) {
            if (!context.getConfiguration().isRegistered(mapper)) {
                context.register(mapper);
            }
        }
    }

    /** Before Camunda's own mapper, which answers with an empty message. */
    @Priority(Priorities.USER - 100)
    static final class WrongType implements ExceptionMapper<JsonMappingException> {

        @Context
        private UriInfo request;

        @Override
        public Response toResponse(JsonMappingException mismatch) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            Class<?> target = mismatch instanceof MismatchedInputException input ? input.getTargetType() : null;
            String takes = field.isEmpty() ? "must be a JSON object" : "must be " + ApiErrors.expected(target);
            return refused(request, new ApiProblem.FieldError(field.isEmpty() ? "body" : field, takes));
        }
    }

    @Priority(Priorities.USER - 100)
    static final class NotJson implements ExceptionMapper<JsonParseException> {

        @Context
        private UriInfo request;

        @Override
        public Response toResponse(JsonParseException malformed) {
            return refused(request, new ApiProblem.FieldError("body", malformed.getLocation() == null
                    ? "is not valid JSON" : "is not valid JSON (line " + malformed.getLocation().getLineNr()
                    + ", column " + malformed.getLocation().getColumnNr() + ")"));
        }
    }

    private static Response refused(UriInfo request, ApiProblem.FieldError error) {
        ApiProblem problem = ApiProblem.invalid(List.of(error));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("instance", request.getRequestUri().getRawPath());
        body.put("errors", problem.errors());
        body.put("message", problem.getMessage());
        try {
            return Response.status(Response.Status.BAD_REQUEST).type("application/problem+json")
                    .entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException(unwritable);
        }
    }
}
