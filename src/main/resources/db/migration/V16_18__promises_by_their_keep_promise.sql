-- The promises a KeepPromise instance recorded, found by its id (ft_promise.process_instance_id): the data repair
-- V16_13 looks them up by that id alone; Promises.cancelOpenKeptBy and pendingCallback filter on it beside the
-- case's reference (ix_ft_promise_case). Without this index a lookup by the id alone read every promise ever made.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
CREATE INDEX IF NOT EXISTS ix_ft_promise_process_instance ON ft_promise (process_instance_id);
