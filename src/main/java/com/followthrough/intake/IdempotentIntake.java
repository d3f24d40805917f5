package com.followthrough.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.EngineClock;
import com.followthrough.api.ApiProblem;

/**
 * Opens a case at most once per {@code Idempotency-Key} and user (table {@code ft_idempotency_key}): the key is
 * recorded in the same transaction as the case, so a retried request, even one racing the first, gets the case
 * the first one opened. Used by {@code POST /api/cases} and by the follow-up a message, call or reopening for a
 * closed case opens; one key space per user across them, so a key sent to another endpoint is another request (409).
 */
@Service
public class IdempotentIntake {

    /** The case a request opened, and whether this response replays an earlier one. */
    public record OpenedCase(String reference, boolean replayed) {
    }

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EngineClock clock;

    public IdempotentIntake(JdbcClient jdbc, TransactionTemplate transaction, EngineClock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Refuses (400, naming the header) a key that is not 1 to 200 visible ASCII characters; null means no key. */
    public static void checkKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ApiProblem.invalid(HEADER, "must be 1 to 200 visible ASCII characters");
        }
    }

    /** SHA-256 of the parts, each length-prefixed so that no two different requests run together the same. */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code opening} (which opens one case and answers its reference) unless this key already opened one. */
    public OpenedCase once(String userId, String key, String requestHash, Supplier<String> opening) {
        Optional<OpenedCase> earlier = earlier(userId, key, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            String reference = transaction.execute(status -> {
                String opened = opening.get();
                jdbc.sql("""
                        INSERT INTO ft_idempotency_key (user_id, idempotency_key, request_hash, case_reference, created_at)
                        VALUES (:user, :key, :hash, :reference, :at)
                        """)
                        .param("user", userId).param("key", key).param("hash", requestHash)
                        .param("reference", opened).param("at", Timestamp.from(clock.now()))
                        .update();
                return opened;
            });
            return new OpenedCase(reference, false);
        } catch (DuplicateKeyException racedByTheSameRequest) {
            // The other request committed first; its case stands and this one was rolled back.
            return earlier(userId, key, requestHash).orElseThrow(() -> racedByTheSameRequest);
        }
    }

    private Optional<OpenedCase> earlier(String userId, String key, String requestHash) {
        return jdbc.sql("SELECT request_hash, case_reference FROM ft_idempotency_key WHERE user_id = :user AND idempotency_key = :key")
                .param("user", userId).param("key", key)
                .query((row, n) -> {
                    if (!row.getString("request_hash").equals(requestHash)) {
                        throw ApiProblem.conflict("Idempotency key reused", "Idempotency-Key '" + key
                                + "' was already used for a different request, which opened case "
                                + row.getString("case_reference") + ". Use a new key for a new case.");
                    }
                    return new OpenedCase(row.getString("case_reference"), true);
                })
                .optional();
    }
}
