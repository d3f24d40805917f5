package com.followthrough.api;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What {@code /api} refuses before any controller reads a request, because the servlet container or Spring would
 * quietly make something else of it:
 * <ul>
 * <li>a path that is not written the one way our paths are: path parameters ({@code /api/cases/SC-2026-000001;x=y/messages}),
 * dot segments, plain or encoded ({@code /calls/../messages}, {@code %2e}), empty segments ({@code //}); the
 * container would match them to an endpoint, so the same endpoint would answer under many names (400, field {@code path});</li>
 * <li>a compressed body ({@code Content-Encoding}), which Spring would parse as if it were plain (415);</li>
 * <li>a method HTTP does not define, which the servlet would answer with 501 (405, {@code Allow} naming the methods the
 * path answers, as Spring's 405 for a known method does; 404 for a path nothing answers);</li>
 * <li>a JSON body that is not UTF-8 ({@link StrictUtf8Request}, 400).</li>
 * </ul>
 */
public class ApiRequestChecks extends OncePerRequestFilter {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final ObjectMapper json;
    private final Supplier<RequestMappingHandlerMapping> endpoints;

    /** {@code endpoints}: Spring's mapping of our controllers, asked which methods a path answers. */
    public ApiRequestChecks(ObjectMapper json, Supplier<RequestMappingHandlerMapping> endpoints) {
        this.json = json;
        this.endpoints = endpoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (path.contains(";")) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "path", "must not contain path parameters (';')");
        } else if (hasDotOrEmptySegment(path)) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "path", "must not contain '.', '..' or empty segments");
        } else if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
            refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpHeaders.CONTENT_ENCODING,
                    "'" + encoding + "' is not supported: send the JSON uncompressed");
        } else if (!METHODS.contains(request.getMethod())) {
            Set<String> allowed = methodsAnswering(request);
            if (allowed.isEmpty()) {
                ProblemResponse.write(request, response, json, ApiProblem.noEndpoint(path).problemDetail());
            } else {
                response.setHeader(HttpHeaders.ALLOW, String.join(",", allowed));
                refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED, null,
                        "Method '" + request.getMethod() + "' is not supported.");
            }
        } else {
            chain.doFilter(StrictUtf8Request.of(request), response);
        }
    }

    /** The methods of the endpoints whose path is the request's, as Spring names them in its own 405. */
    private Set<String> methodsAnswering(HttpServletRequest request) {
        ServletRequestPathUtils.parseAndCache(request);
        Set<String> methods = new TreeSet<>();
        endpoints.get().getHandlerMethods().keySet().stream()
                .filter(endpoint -> endpoint.getActivePatternsCondition().getMatchingCondition(request) != null)
                .forEach(endpoint -> endpoint.getMethodsCondition().getMethods()
                        .forEach(method -> methods.add(method.name())));
        return methods;
    }

    private static boolean hasDotOrEmptySegment(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("//")) {
            return true;
        }
        for (String segment : lower.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String field,
                        String message) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field == null ? message : field + " " + message);
        problem.setTitle(status == HttpStatus.BAD_REQUEST ? "Invalid request" : status.getReasonPhrase());
        if (field != null) {
            problem.setProperty("errors", List.of(new ApiProblem.FieldError(field, message)));
        }
        ProblemResponse.write(request, response, json, problem);
    }
}
