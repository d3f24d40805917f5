-- The capacity rule (workload.Capacity) reads an agent's open cases from the case facts, by their owner: the few
-- not yet closed among all the cases the agent ever owned.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
CREATE INDEX IF NOT EXISTS ix_ft_case_fact_owner ON ft_case_fact (owner, closed_at);
-- It read them from the engine's owner variables before, through an index the app added to the engine's variables
-- (EngineTableIndexes): on H2, which has no partial indexes, that index held every variable's text, and each one's
-- entry made the file larger (issue 16). A database of that version loses it here.
DROP INDEX IF EXISTS IX_FT_VARIABLE_OWNER;
