-- The step (the engine's activity instance id) that recorded a message, and the steps that made, fulfilled and broke a
-- promise, so that a case's timeline lists what happened in one millisecond (one transaction: a task completed, the
-- promise recorded, its confirmation sent) in the order the steps ran. Null where no step did it (a message through
-- the API, a case cancelled) and on records from before: those keep their time and come first within it.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

ALTER TABLE ft_customer_message ADD COLUMN recorded_in_step VARCHAR(64);
ALTER TABLE ft_promise ADD COLUMN made_in_step VARCHAR(64);
ALTER TABLE ft_promise ADD COLUMN fulfilled_in_step VARCHAR(64);
ALTER TABLE ft_promise ADD COLUMN broken_in_step VARCHAR(64);
