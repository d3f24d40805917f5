-- The next-reply target of every customer message answered in "Customer wrote in" (issue 15, item 2): when it
-- arrived, when it was due (answerDueAt, the plan's nextReplyTarget in working time), and when the answer went out.
-- One row per "Customer wrote in" instance (scope_id, the event subprocess's activity instance), kept by
-- insights.CaseFactRecorder from the engine's history events in the engine's transaction.
-- Minutes are wall-clock minutes from arrival to answer, as for the first response.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
CREATE TABLE ft_next_reply (
    scope_id             VARCHAR(64) NOT NULL PRIMARY KEY,
    process_instance_id  VARCHAR(64) NOT NULL,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    replied_at           TIMESTAMP WITH TIME ZONE,
    reply_minutes        DOUBLE PRECISION
);
CREATE INDEX ix_ft_next_reply_case ON ft_next_reply (process_instance_id);
-- Messages to the cases opened in a period arrived after the period began: the insights read only that part.
CREATE INDEX ix_ft_next_reply_received ON ft_next_reply (received_at);
