package com.followthrough.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

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
}
