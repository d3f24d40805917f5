package com.followthrough.access;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's HTTP Basic filter for {@code /engine-rest}, without its one exception: Camunda lets the list of engines
 * ({@code GET /engine-rest/engine}) through unauthenticated. Here it needs a login like every other path, and is the
 * default engine's ({@code /engine/} names no engine).
 */
class EveryEngineRestPathNeedsALogin extends ProcessEngineAuthenticationFilter {

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
