-- One row per support case with what the analysts ask about, kept up to date in the engine's own transaction
-- (insights.CaseFactRecorder, a history event handler), so the insights API never scans the engine's history tables.
-- Times come from the engine clock; minutes are wall-clock minutes since the case was opened.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
CREATE TABLE ft_case_fact (
    process_instance_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_reference             VARCHAR(32),
    process_definition_id      VARCHAR(64)  NOT NULL,
    process_definition_version INTEGER      NOT NULL,
    customer_name              VARCHAR(200),
    plan                       VARCHAR(16),
    language                   VARCHAR(8),
    opened_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    first_response_due_at      TIMESTAMP WITH TIME ZONE,
    first_responded_at         TIMESTAMP WITH TIME ZONE,
    first_response_minutes     DOUBLE PRECISION,
    resolved_at                TIMESTAMP WITH TIME ZONE,
    resolution_minutes         DOUBLE PRECISION,
    closed_at                  TIMESTAMP WITH TIME ZONE,
    duration_minutes           DOUBLE PRECISION,
    stage                      VARCHAR(32)  NOT NULL,
    owner                      VARCHAR(64),
    outcome                    VARCHAR(32),
    promises_made              INTEGER      DEFAULT 0 NOT NULL,
    reopened                   INTEGER      DEFAULT 0 NOT NULL,
    specialist_escalations     INTEGER      DEFAULT 0 NOT NULL,
    supervisor_escalations     INTEGER      DEFAULT 0 NOT NULL,
    discount_requested         BOOLEAN      DEFAULT FALSE NOT NULL,
    discount_traced            BOOLEAN      DEFAULT FALSE NOT NULL,
    reimbursement_amount       DECIMAL(12, 2),
    reimbursement_approval     VARCHAR(16),
    reimbursement_offered      BOOLEAN      DEFAULT FALSE NOT NULL
);
CREATE UNIQUE INDEX ix_ft_case_fact_reference ON ft_case_fact (case_reference);
-- Every insights query filters on the opening period first; the other filters narrow it down.
CREATE INDEX ix_ft_case_fact_opened ON ft_case_fact (opened_at, plan, language, process_definition_version);
-- "Closed cases" of one process definition, newest first.
CREATE INDEX ix_ft_case_fact_definition ON ft_case_fact (process_definition_id, opened_at);
-- Promises and surveys of the cases opened in a period were made, and sent, after the period began: these let the
-- database read only that part of ft_promise and ft_feedback instead of all of it.
CREATE INDEX ix_ft_promise_made ON ft_promise (made_at);
CREATE INDEX ix_ft_feedback_sent ON ft_feedback (sent_at);
