-- A retried POST /api/cases with the same Idempotency-Key returns the case the first request opened,
-- instead of opening a second one. Keys are per user, so two integrators cannot collide.
CREATE TABLE ft_idempotency_key (
    user_id         VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    case_reference  VARCHAR(32)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
