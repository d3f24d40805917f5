-- After the case: one row per satisfaction survey sent, what the customer answered and, when we called for a
-- last chance, whether they stay. Analysts query this table instead of the engine's history.
-- Only the SHA-256 of the survey token is stored: the token itself is in the customer's link and nowhere else.
CREATE TABLE ft_feedback (
    case_reference      VARCHAR(32)  NOT NULL PRIMARY KEY,
    token_hash          VARCHAR(64)  NOT NULL,
    sent_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at         TIMESTAMP WITH TIME ZONE,
    rating              INTEGER,
    comment             VARCHAR(2000),
    last_chance_outcome VARCHAR(16),
    last_chance_at      TIMESTAMP WITH TIME ZONE
);
