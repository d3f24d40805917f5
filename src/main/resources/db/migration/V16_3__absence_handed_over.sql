-- When an absence's work was handed over whole: at its entry if it had begun then, else by the first run of
-- AbsencesBeginning after it began, which moves what was left with the agent (no due date, or due after the absence).
-- Portable SQL: H2 (embedded) and PostgreSQL.
ALTER TABLE ft_absence ADD COLUMN handed_over_at TIMESTAMP WITH TIME ZONE;
UPDATE ft_absence SET handed_over_at = recorded_at WHERE starts_at <= recorded_at;
