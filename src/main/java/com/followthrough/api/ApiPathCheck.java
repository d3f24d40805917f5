package com.followthrough.api;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses path parameters in {@code /api} paths ({@code /api/cases/SC-2026-000001;x=y/messages}) with 400: the
 * servlet container and Spring ignore them when they match a path, so the same endpoint would answer under many
 * names, and no client of ours sends one.
 */
public class ApiPathCheck extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ApiPathCheck(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().contains(";")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "path must not contain path parameters (';')");
            problem.setTitle("Invalid request");
            problem.setProperty("errors", List.of(new ApiProblem.FieldError("path", "must not contain path parameters (';')")));
            ProblemResponse.write(request, response, json, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
