package com.followthrough.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** User id and password from an HTTP Basic {@code Authorization} header. */
record BasicCredentials(String userId, String password) {

    private static final String BASIC = "Basic ";

    static Optional<BasicCredentials> fromHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        // No user id or password holds a control character; PostgreSQL cannot even compare a text with a NUL in it.
        if (colon <= 0 || decoded.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /**
     * Whether the password is the user's. A user saved without a password (over {@code /engine-rest/user/create}
     * without credentials) never signs in: the engine's check fails on the missing hash with an exception, which would
     * answer 500 instead of the 401 a wrong password gets.
     */
    boolean match(IdentityService identityService) {
        try {
            return identityService.checkPassword(userId, password);
        } catch (RuntimeException checkFailed) {
            if (savedWithoutPassword(identityService, userId)) {
                return false;
            }
            throw checkFailed;
        }
    }

    /** A user who exists and has no password hash, whom the engine's password check fails on. */
    static boolean savedWithoutPassword(IdentityService identityService, String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user != null && user.getPassword() == null;
    }
}
