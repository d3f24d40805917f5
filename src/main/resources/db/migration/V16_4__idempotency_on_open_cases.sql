-- A retried message, call, confirmation or reopening for a case that was open answers what the first one did,
-- instead of reaching the case again. The key now also records what reached an open case: how (TAKEN: the case
-- was waiting for it; ATTACHED: it came as a message), case_reference being that case. NULL: the key opened
-- case_reference (POST /api/cases, or the follow-up of a closed case), as every key recorded before.
ALTER TABLE ft_idempotency_key ADD COLUMN outcome VARCHAR(16);
