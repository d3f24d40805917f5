package com.followthrough.workload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Agents' absences (table {@code ft_absence}): per agent, at most one at a time, and as many ahead as were entered; on
 * the engine's DataSource and transaction.
 */
@Repository
public class Absences {

    private final JdbcClient jdbc;

    public Absences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces the agent's absences that overlap this one (to change one, or end it early) and keeps the others; those
     * over by the time it is recorded are forgotten. Not handed over whole yet, even when it has begun: the entry moves
     * the work it sees, and the next hand-over at the start of absences what was created for the agent at the same
     * moment, in a transaction that did not see the absence ({@link AbsenceHandOver#atTheStartOfAbsences}).
     */
    public void save(Absence absence) {
        jdbc.sql("""
                DELETE FROM ft_absence
                WHERE user_id = :user AND ((starts_at < :endsAt AND ends_at > :startsAt) OR ends_at <= :recordedAt)
                """)
                .param("user", absence.user())
                .param("startsAt", Timestamp.from(absence.startsAt()))
                .param("endsAt", Timestamp.from(absence.endsAt()))
                .param("recordedAt", Timestamp.from(absence.recordedAt()))
                .update();
        jdbc.sql("""
                INSERT INTO ft_absence
                    (user_id, starts_at, ends_at, hand_over_to, recorded_by, recorded_at)
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

    /**
     * Takes back the agent's absence that begins at {@code startsAt}: one ahead is forgotten, one going on ends at
     * {@code now} (what it handed over stays handed over). {@code false} when the agent has no such absence not over.
     */
    public boolean end(String user, Instant startsAt, Instant now) {
        int forgotten = jdbc.sql("DELETE FROM ft_absence WHERE user_id = :user AND starts_at = :startsAt"
                        + " AND starts_at > :now")
                .param("user", user).param("startsAt", Timestamp.from(startsAt)).param("now", Timestamp.from(now))
                .update();
        return forgotten == 1 || jdbc.sql("UPDATE ft_absence SET ends_at = :now WHERE user_id = :user"
                        + " AND starts_at = :startsAt AND starts_at <= :now AND ends_at > :now")
                .param("user", user).param("startsAt", Timestamp.from(startsAt)).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Absences that have begun by {@code now}, are not over, and whose work was not handed over whole yet. */
    public List<Absence> begunNotHandedOver(Instant now) {
        return jdbc.sql("""
                SELECT * FROM ft_absence WHERE starts_at <= :now AND ends_at > :now AND handed_over_at IS NULL
                ORDER BY starts_at, user_id
                """)
                .param("now", Timestamp.from(now))
                .query(Absences::map).list();
    }

    /** Marks the absence handed over; {@code false} when another run (or node) did so first. */
    public boolean markHandedOver(Absence absence, Instant at) {
        return jdbc.sql("""
                UPDATE ft_absence SET handed_over_at = :at
                WHERE user_id = :user AND starts_at = :startsAt AND handed_over_at IS NULL
                """)
                .param("at", Timestamp.from(at))
                .param("user", absence.user())
                .param("startsAt", Timestamp.from(absence.startsAt()))
                .update() == 1;
    }

    /** The agent's absences, the earliest first. */
    public List<Absence> of(String user) {
        return jdbc.sql("SELECT * FROM ft_absence WHERE user_id = :user ORDER BY starts_at").param("user", user)
                .query(Absences::map).list();
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
