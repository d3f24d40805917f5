package com.followthrough.demo;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The row in {@code ft_demo_history} that says the demo history was generated (or is being generated) on this database. */
@Repository
@Profile("demo")
class DemoHistoryMarker {

    private static final String ID = "history";

    private final JdbcClient jdbc;

    DemoHistoryMarker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the generation for this node; false if it was claimed before, here or by another node. */
    boolean claim(int cases, Instant at) {
        try {
            return jdbc.sql("INSERT INTO ft_demo_history (id, started_at, cases) VALUES (:id, :at, :cases)")
                    .param("id", ID).param("at", Timestamp.from(at)).param("cases", cases)
                    .update() == 1;
        } catch (DuplicateKeyException claimedBefore) {
            return false;
        }
    }

    void finished(int cases, Instant at) {
        jdbc.sql("UPDATE ft_demo_history SET finished_at = :at, cases = :cases WHERE id = :id")
                .param("id", ID).param("at", Timestamp.from(at)).param("cases", cases)
                .update();
    }

    boolean unfinished() {
        return jdbc.sql("SELECT COUNT(*) FROM ft_demo_history WHERE id = :id AND finished_at IS NULL")
                .param("id", ID).query(Integer.class).single() > 0;
    }
}
