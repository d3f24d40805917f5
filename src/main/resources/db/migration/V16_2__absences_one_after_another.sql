-- An agent may have more than one absence: one going on and others entered ahead (off sick this week, on holiday
-- next month). A new entry replaces only the absences it overlaps. Portable SQL: H2 (embedded) and PostgreSQL.
CREATE TABLE ft_absence_period (
    user_id        VARCHAR(64)  NOT NULL,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    hand_over_to   VARCHAR(64),
    recorded_by    VARCHAR(64)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, starts_at)
);
INSERT INTO ft_absence_period (user_id, starts_at, ends_at, hand_over_to, recorded_by, recorded_at)
    SELECT user_id, starts_at, ends_at, hand_over_to, recorded_by, recorded_at FROM ft_absence;
DROP TABLE ft_absence;
ALTER TABLE ft_absence_period RENAME TO ft_absence;
