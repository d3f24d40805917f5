package com.followthrough.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request our API refuses, with the status and the fields at fault; rendered as an RFC 9457 problem detail
 * by {@link ApiErrors}.
 */
public class ApiProblem extends RuntimeException {

    /** One field of the request and what is wrong with it, e.g. {@code customer.email}: "is not an email address". */
    public record FieldError(String field, String message) {
    }

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "Not allowed", detail, List.of());
    }

    /**
     * Nothing found for the value of {@code field} (a path's case reference, say): the body names it, so every
     * {@code 404} of ours says which value to check.
     */
    public static ApiProblem notFound(String field, String message, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, List.of(new FieldError(field, message)));
    }

    /**
     * The request is valid, but what it asks for conflicts with the state of what {@code field} names (the path's case
     * is closed, a message is not one to send again): the body names it, as a {@code 400} names bad input, so an
     * integrator reads every refusal the same way.
     */
    public static ApiProblem conflict(String title, String field, String message, String detail) {
        return conflict(title, detail, List.of(new FieldError(field, message)));
    }

    public static ApiProblem conflict(String title, String detail, List<FieldError> errors) {
        return new ApiProblem(HttpStatus.CONFLICT, title, detail, errors);
    }

    /**
     * Nothing answers {@code path} (a misspelt collection, a step of a case that is none): a {@code 404} like that of
     * an unknown case, naming the path, never how the server looked for it.
     */
    public static ApiProblem noEndpoint(String path) {
        return notFound("path", "is no endpoint of this API: docs/api.md lists them",
                "There is nothing at " + path + "; docs/api.md lists the endpoints.");
    }

    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                "The request body must be at most " + limit + " bytes.", List.of());
    }

    /** As the API answers it: an RFC 9457 problem detail, with {@code errors} when it names a field. */
    public ProblemDetail problemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
