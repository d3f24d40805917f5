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
 * Opens a case, or delivers what the customer sent to one, at most once per {@code Idempotency-Key} and user (table
 * {@code ft_idempotency_key}): the key is recorded in the same transaction as the case it opened or the change what
 * was sent made to an open case, so a retried request, even one racing the first, gets what the first one answered.
 * Used by {@code POST /api/cases} and by a message, call, confirmation or reopening; one key space per user across
 * them, so a key sent to another endpoint is another request (409).
 */
@Service
public class IdempotentIntake {

    /** The case a request opened, and whether this response replays an earlier one. */
    public record OpenedCase(String reference, boolean replayed) {
    }

    /**
     * What a key's first request did: reached the case {@code reference}, which was open, and {@code outcome} says
     * how (the caller's word for it); or, with no outcome, opened the case {@code reference}.
     */
    public record Recorded(String reference, String outcome) {
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
        Optional<Recorded> earlier = earlier(userId, key, requestHash);
        if (earlier.isPresent()) {
            return new OpenedCase(earlier.get().reference(), true);
        }
        try {
            String reference = transaction.execute(status -> {
                String opened = opening.get();
                record(userId, key, requestHash, new Recorded(opened, null));
                return opened;
            });
            return new OpenedCase(reference, false);
        } catch (DuplicateKeyException racedByTheSameRequest) {
            // The other request committed first; its case stands and this one was rolled back.
            return new OpenedCase(earlier(userId, key, requestHash).orElseThrow(() -> racedByTheSameRequest)
                    .reference(), true);
        }
    }

    /**
     * Records what the key's request did, in the caller's transaction: with the change it made, or not at all. A
     * {@link DuplicateKeyException} means a request with the same key committed first; the caller rolls back.
     */
    public void record(String userId, String key, String requestHash, Recorded what) {
        jdbc.sql("""
                INSERT INTO ft_idempotency_key
                    (user_id, idempotency_key, request_hash, case_reference, outcome, created_at)
                VALUES (:user, :key, :hash, :reference, :outcome, :at)
                """)
                .param("user", userId).param("key", key).param("hash", requestHash)
                .param("reference", what.reference()).param("outcome", what.outcome())
                .param("at", Timestamp.from(clock.now()))
                .update();
    }

    /**
     * What the key's first request did, empty for a new key; {@code 409} naming the header when it was used for
     * another request.
     */
    public Optional<Recorded> earlier(String userId, String key, String requestHash) {
        return jdbc.sql("""
                SELECT request_hash, case_reference, outcome FROM ft_idempotency_key
                WHERE user_id = :user AND idempotency_key = :key
                """)
                .param("user", userId).param("key", key)
                .query((row, n) -> {
                    Recorded recorded = new Recorded(row.getString("case_reference"), row.getString("outcome"));
                    if (!row.getString("request_hash").equals(requestHash)) {
                        String used = "was already used for a different request, which " + (recorded.outcome() == null
                                ? "opened case " : "reached case ") + recorded.reference();
                        String detail = HEADER + " '" + key + "' " + used + (recorded.outcome() == null
                                ? ". Use a new key for a new case." : ". Use a new key for a new request.");
                        throw ApiProblem.conflict("Idempotency key reused", HEADER, used, detail);
                    }
                    return recorded;
                })
                .optional();
    }
}
