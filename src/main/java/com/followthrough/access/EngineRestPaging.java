package com.followthrough.access;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page of Camunda's REST APIs is asked with {@code firstResult} and {@code maxResults}, whole numbers from 0. The
 * engine passed a negative one to the database, which failed (a {@code 500} saying the server failed), or ignored it,
 * and Jersey answered a word with {@code 404}: the caller's mistake is answered {@code 400} naming the parameter.
 */
class EngineRestPaging extends OncePerRequestFilter {

    static final List<String> PAGE_PARAMETERS = List.of("firstResult", "maxResults");

    private final ObjectMapper json;

    EngineRestPaging(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // From the query string only: reading the parameters would read a form's or a deployment's body.
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String parameter = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (PAGE_PARAMETERS.contains(parameter) && !value.isBlank() && !wholeFromZero(value.strip())) {
                ProblemDetail problem = ProblemResponse.withCamundaMessage(ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, parameter + " must be a whole number from 0, was '" + value + "'."));
                problem.setTitle("Invalid request");
                problem.setProperty("errors", List.of(new ApiProblem.FieldError(parameter,
                        "must be a whole number from 0")));
                ProblemResponse.write(request, response, json, problem);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static boolean wholeFromZero(String value) {
        try {
            return Integer.parseInt(value) >= 0;
        } catch (NumberFormatException notAWholeNumber) {
            return false;
        }
    }
}
