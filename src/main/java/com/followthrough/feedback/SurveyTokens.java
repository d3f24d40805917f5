package com.followthrough.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * The secret in a survey link: 32 random bytes, base64url. Only its SHA-256 is stored, so whoever reads our
 * tables cannot answer for the customer; a presented token is checked in constant time.
 */
@Component
public class SurveyTokens {

    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public String issue() {
        byte[] token = new byte[BYTES];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    public static boolean matches(String token, String storedHash) {
        return MessageDigest.isEqual(sha256(token), HexFormat.of().parseHex(storedHash));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
