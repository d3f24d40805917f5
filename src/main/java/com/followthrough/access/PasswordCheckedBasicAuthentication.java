package com.followthrough.access;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's HTTP Basic authentication of {@code /engine-rest}, with the password checked as on {@code /api}
 * ({@link BasicCredentials#match}): a user without a password gets 401, not 500.
 */
public class PasswordCheckedBasicAuthentication extends HttpBasicAuthenticationProvider {

    @Override
    protected boolean isAuthenticated(ProcessEngine engine, String userName, String password) {
        return new BasicCredentials(userName, password).match(engine.getIdentityService());
    }
}
