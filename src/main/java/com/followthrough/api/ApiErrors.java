package com.followthrough.api;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.followthrough.ConcurrentChange;

/**
 * Every error of {@code /api} as an RFC 9457 problem detail ({@code application/problem+json}) that says what
 * is wrong and, for bad input, names each field in {@code errors}.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> refused(ApiProblem refusal, WebRequest request) {
        return respond(refusal.problemDetail(), refusal.status(), request);
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Object> notAllowed(AuthorizationException denied, WebRequest request) {
        return respond(notAllowed(denied), HttpStatus.FORBIDDEN, request);
    }

    /** The engine's refusal of what the caller may not do: {@code 403} naming the user and the grant missing. */
    public static ProblemDetail notAllowed(AuthorizationException denied) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "User '" + denied.getUserId() + "' is not allowed to do this: " + denied.getMessage());
        problem.setTitle("Not allowed");
        return problem;
    }

    /**
     * What the request changes was changed at the same moment by a colleague, a timer or the customer, or held by
     * another transaction longer than the database waits for a lock ({@link ConcurrentChange}): the whole request was
     * rolled back, so it is safe to send again (what arrives from the customer is tried again on its own after a
     * change, {@code CaseSerializer}, and reaches this only if the case keeps changing). Any other failure of the
     * engine or the database is not a refusal, and goes on to the {@code 500} ({@link ApiErrorController}).
     */
    @ExceptionHandler({ProcessEngineException.class, DataAccessException.class})
    ResponseEntity<Object> changedMeanwhile(RuntimeException failure, WebRequest request) {
        if (!ConcurrentChange.causedIt(failure)) {
            throw failure;
        }
        // About the moment, not a value the request holds: no field to name.
        return refused(ApiProblem.conflict("Changed meanwhile", "What this request changes was changed at the same"
                + " moment (by a colleague, a timer or the customer), so nothing was changed. Send it again.",
                List.of()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = cause(unreadable, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return refused(ApiProblem.tooLarge(tooLarge.limit()), request);
        }
        StrictUtf8Request.MalformedUtf8Exception notUtf8 = cause(unreadable,
                StrictUtf8Request.MalformedUtf8Exception.class);
        if (notUtf8 != null) {
            return refused(ApiProblem.invalid("body", "is not UTF-8 (byte " + notUtf8.offset() + ")"), request);
        }
        return refused(notReadable(unreadable), request);
    }

    /**
     * Nothing answers the path: under {@code /api} our {@code 404} naming it, where Spring would say "No static
     * resource" (how it looked, not what the client may call); elsewhere Spring's.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException notFound,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && ApiErrorController.isApiPath(servlet.getRequest())) {
            return refused(ApiProblem.noEndpoint(servlet.getRequest().getRequestURI()), request);
        }
        return super.handleNoResourceFoundException(notFound, headers, status, request);
    }

    /** A body in another format than JSON: Spring's {@code 415}, its {@code errors} naming {@code Content-Type}. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException unsupported,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleHttpMediaTypeNotSupported(unsupported, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem) {
            MediaType sent = unsupported.getContentType();
            problem.setProperty("errors", List.of(new ApiProblem.FieldError(HttpHeaders.CONTENT_TYPE,
                    sent == null ? "is required: application/json"
                            : "must be application/json, not '" + sent + "'")));
        }
        return answer;
    }

    /** A path or query parameter that is not of its type ({@code /messages/forty-two/resend}) names the parameter. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException mismatch, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : mismatch.getPropertyName();
        Class<?> type = mismatch.getRequiredType();
        boolean whole = type == long.class || type == Long.class || type == int.class || type == Integer.class;
        return refused(ApiProblem.invalid(name == null ? "path" : name,
                whole ? "must be a whole number" : "must be " + expected(type)), request);
    }

    private static ApiProblem notReadable(HttpMessageNotReadableException unreadable) {
        UnrecognizedPropertyException unknown = cause(unreadable, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return ApiProblem.invalid(path(unknown), "is not a field of this request; the fields are "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")));
        }
        MismatchedInputException mismatch = cause(unreadable, MismatchedInputException.class);
        if (mismatch != null) {
            return mismatch.getPath().isEmpty() ? ApiProblem.invalid("body", "must be a JSON object")
                    : ApiProblem.invalid(path(mismatch), "must be " + expected(mismatch.getTargetType()));
        }
        JsonProcessingException malformed = cause(unreadable, JsonProcessingException.class);
        if (malformed != null && malformed.getLocation() != null) {
            return ApiProblem.invalid("body", "is not valid JSON (line " + malformed.getLocation().getLineNr()
                    + ", column " + malformed.getLocation().getColumnNr() + ": " + malformed.getOriginalMessage()
                    + ")");
        }
        return ApiProblem.invalid("body", "is required: a JSON object");
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** What a field of {@code type} takes, in the words of a JSON value ("a string", "an array"). */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpStatus status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Spring's own MVC errors (415, 405, ...) as problem+json too, whatever the client said it accepts. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.createResponseEntity(body, problemHeaders, statusCode, request);
    }
}
