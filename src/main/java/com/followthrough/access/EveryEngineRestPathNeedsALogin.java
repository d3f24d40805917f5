package com.followthrough.access;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.api.ProblemResponse;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Camunda's HTTP Basic filter for {@code /engine-rest}, without its one exception: Camunda lets the list of engines
 * ({@code GET /engine-rest/engine}) through unauthenticated. Here it needs a login like every other path, and is the
 * default engine's ({@code /engine/} names no engine). A caller who is not signed in gets the Basic challenge with a
 * problem detail that says so (with Camunda's {@code message}), as on {@code /api}, where Camunda sends no body. The
 * password is checked as on {@code /api} ({@link PasswordCheckedBasicAuthentication}).
 */
class EveryEngineRestPathNeedsALogin extends ProcessEngineAuthenticationFilter {

    private final ObjectMapper json;

    EveryEngineRestPathNeedsALogin(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        authenticationProvider = new PasswordCheckedBasicAuthentication() {
            @Override
            public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
                super.augmentResponseByAuthenticationChallenge(response, engine);
                try {
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.setCharacterEncoding("UTF-8");
                    json.writeValue(response.getOutputStream(),
                            ProblemResponse.withCamundaMessage(ApiAuthenticationFilter.signInFirst()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
        return true;
    }

    @Override
    protected String extractEngineName(String requestUrl) {
        String named = super.extractEngineName(requestUrl);
        return named == null || named.isEmpty() ? DEFAULT_ENGINE_NAME : named;
    }
}
