package com.followthrough.workload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agents' absences (table {@code ft_absence}, one per agent), on the engine's DataSource and transaction. */
@Repository
public class Absences {

    private final JdbcClient jdbc;

    public Absences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The agent's absence from now on replaces the one entered before. */
    public void save(Absence absence) {
        jdbc.sql("DELETE FROM ft_absence WHERE user_id = :user").param("user", absence.user()).update();
        jdbc.sql("""
                INSERT INTO ft_absence (user_id, starts_at, ends_at, hand_over_to, recorded_by, recorded_at)
                VALUES (:user, :startsAt, :endsAt, :handOverTo, :recordedBy, :recordedAt)
                """)
                .param("user", absence.user())
                .param("startsAt", Timestamp.from(absence.startsAt()))
                .param("endsAt", Timestamp.from(absence.endsAt()))
                .param("handOverTo", absence.handOverTo())
                .param("recordedBy", absence.recordedBy())
                .param("recordedAt", Timestamp.from(absence.recordedAt()))
                .update();
    }

    public Optional<Absence> of(String user) {
        return jdbc.sql("SELECT * FROM ft_absence WHERE user_id = :user").param("user", user)
                .query(Absences::map).optional();
    }

    /** The agent's absence if it covers {@code at}. */
    public Optional<Absence> at(String user, Instant at) {
        return of(user).filter(absence -> absence.covers(at));
    }

    /** Absences that have not ended by {@code now}: going on, or ahead. */
    public List<Absence> notEndedBy(Instant now) {
        return jdbc.sql("SELECT * FROM ft_absence WHERE ends_at > :now ORDER BY starts_at, user_id")
                .param("now", Timestamp.from(now))
                .query(Absences::map).list();
    }

    private static Absence map(ResultSet row, int rowNum) throws SQLException {
        return new Absence(row.getString("user_id"), row.getTimestamp("starts_at").toInstant(),
                row.getTimestamp("ends_at").toInstant(), row.getString("hand_over_to"), row.getString("recorded_by"),
                row.getTimestamp("recorded_at").toInstant());
    }
}
