package com.followthrough.api;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Writes a problem detail from a servlet filter, where the MVC error handling of {@link ApiErrors} can't reach. */
public final class ProblemResponse {

    private ProblemResponse() {
    }

    /**
     * With Camunda's {@code message} as well, for an answer on Camunda's REST APIs: Tasklist shows that field of an
     * error, and Camunda's REST clients read it.
     */
    public static ProblemDetail withCamundaMessage(ProblemDetail problem) {
        problem.setProperty("message", problem.getDetail());
        return problem;
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
                             ProblemDetail problem) throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
