package com.followthrough.api;

import java.util.List;

import org.springframework.http.HttpStatus;

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

    public static ApiProblem conflict(String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, title, detail, List.of());
    }

    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                "The request body must be at most " + limit + " bytes.", List.of());
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
