package com.followthrough.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The errors the servlet container and Spring raise for an {@code /api} path before any of our controllers runs
 * (no such path, a filter's failure, a refused request line), as problem details like every other error of the API,
 * whatever the client accepts. Other paths keep Spring Boot's error page and JSON. The error path itself, asked for
 * directly rather than forwarded to with an error, is nothing: {@code 404} as a problem detail, where Spring would
 * answer {@code 500} with its {@code "status": 999}.
 */
@Controller
public class ApiErrorController extends BasicErrorController {

    private final ObjectMapper json;

    public ApiErrorController(ErrorAttributes errorAttributes, ServerProperties server,
                              ObjectProvider<ErrorViewResolver> resolvers, ObjectMapper json) {
        super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
        this.json = json;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (isApi(request) || askedForDirectly(request)) {
            writeProblem(request, response);
            return null;
        }
        return super.errorHtml(request, response);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (isApi(request) || askedForDirectly(request)) {
            writeProblem(request, currentResponse());
            return null;
        }
        return super.error(request);
    }

    @Override
    public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
        if (isApi(request) || askedForDirectly(request)) {
            writeProblem(request, currentResponse());
            return null;
        }
        return super.mediaTypeNotAcceptable(request);
    }

    static boolean isApi(HttpServletRequest request) {
        return isApiPath(originalUri(request));
    }

    /** A request to {@code /api} as our controllers see it (not forwarded to the error path). */
    static boolean isApiPath(HttpServletRequest request) {
        return isApiPath(request.getRequestURI());
    }

    private static boolean isApiPath(String uri) {
        return uri.startsWith("/api/") || uri.equals("/api");
    }

    /** A request for the error path itself: no error was forwarded here, so there is no status to report. */
    private static boolean askedForDirectly(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null;
    }

    private static String originalUri(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri == null ? "" : uri.toString();
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response) {
        boolean direct = askedForDirectly(request);
        HttpStatus status = direct ? HttpStatus.NOT_FOUND : getStatus(request);
        ProblemDetail problem = problem(status, direct ? request.getRequestURI() : originalUri(request));
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a client may learn: the status and what it means for this request, never an exception's message. */
    static ProblemDetail problem(HttpStatus status, String uri) {
        if (status == HttpStatus.NOT_FOUND) {
            return withInstance(ApiProblem.noEndpoint(printable(uri) ? uri : "this path").problemDetail(), uri);
        }
        String detail = switch (status) {
            case METHOD_NOT_ALLOWED -> "This path does not answer this method.";
            case BAD_REQUEST -> "The request line, a header or the body is malformed.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case NOT_ACCEPTABLE -> "This API answers with application/json only.";
            case PAYLOAD_TOO_LARGE -> "The request is too large.";
            default -> status.is5xxServerError() ? "The request failed on our side; nothing is promised about its effect."
                    : status.getReasonPhrase() + ".";
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return withInstance(problem, uri);
    }

    private static ProblemDetail withInstance(ProblemDetail problem, String uri) {
        if (printable(uri)) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // The request line was refused for this very reason; the problem then names no instance.
            }
        }
        return problem;
    }

    private static boolean printable(String uri) {
        return !uri.isEmpty() && uri.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private static HttpServletResponse currentResponse() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
    }
}
