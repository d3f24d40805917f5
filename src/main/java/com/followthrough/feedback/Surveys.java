package com.followthrough.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The survey record (table {@code ft_feedback}), one row per closed case, on the engine's DataSource and transaction. */
@Repository
public class Surveys {

    private final JdbcClient jdbc;

    public Surveys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void sent(String caseReference, String tokenHash, Instant sentAt) {
        jdbc.sql("INSERT INTO ft_feedback (case_reference, token_hash, sent_at) VALUES (:ref, :hash, :at)")
                .param("ref", caseReference)
                .param("hash", tokenHash)
                .param("at", Timestamp.from(sentAt))
                .update();
    }

    public Optional<Survey> of(String caseReference) {
        return jdbc.sql("SELECT * FROM ft_feedback WHERE case_reference = :ref")
                .param("ref", caseReference)
                .query(Surveys::map)
                .optional();
    }

    /** Records the customer's answer; false if the survey was answered already (the first answer stands). */
    public boolean answer(String caseReference, int rating, String comment, Instant at) {
        return jdbc.sql("""
                UPDATE ft_feedback SET answered_at = :at, rating = :rating, comment = :comment
                WHERE case_reference = :ref AND answered_at IS NULL
                """)
                .param("ref", caseReference)
                .param("at", Timestamp.from(at))
                .param("rating", rating)
                .param("comment", comment)
                .update() == 1;
    }

    public void lastChanceTaken(String caseReference, String outcome, Instant at) {
        int updated = jdbc.sql("UPDATE ft_feedback SET last_chance_outcome = :outcome, last_chance_at = :at WHERE case_reference = :ref")
                .param("ref", caseReference)
                .param("outcome", outcome)
                .param("at", Timestamp.from(at))
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Case " + caseReference + " has no survey to record the last chance on");
        }
    }

    private static Survey map(ResultSet row, int rowNum) throws SQLException {
        Integer rating = row.getObject("rating", Integer.class);
        return new Survey(row.getString("case_reference"), row.getString("token_hash"),
                row.getTimestamp("sent_at").toInstant(), instant(row.getTimestamp("answered_at")),
                rating, row.getString("comment"), row.getString("last_chance_outcome"),
                instant(row.getTimestamp("last_chance_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
