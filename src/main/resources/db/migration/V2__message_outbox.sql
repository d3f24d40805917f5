-- The message table is also the outbox: an outbound message is written in the engine's transaction
-- (PENDING when a mail server is configured), and the mail dispatcher delivers it afterwards.
--
-- delivery_status of an outbound message:
--   PENDING                       written, waiting for the dispatcher (next_attempt_at)
--   SENDING                       claimed by a dispatcher (claimed_at), being handed to the mail server
--   SENT                          the mail server accepted it (delivered_at)
--   FAILED_RETRYING               the mail server could not take it; tried again at next_attempt_at
--   FAILED                        gave up after the configured attempts; a person must act
--   DELIVERY_UNCERTAIN            the send may have happened but was never confirmed (e.g. a crash between
--                                 send and mark): never re-sent automatically, a person checks and resends
--   NOT_DELIVERED_NO_MAIL_SERVER  no mail server configured; readable on the case and in the log
-- Inbound messages are RECEIVED.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

ALTER TABLE ft_customer_message ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ft_customer_message ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ft_customer_message ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ft_customer_message ADD COLUMN last_error VARCHAR(1000);

CREATE INDEX ix_ft_customer_message_outbox ON ft_customer_message (delivery_status, next_attempt_at);
