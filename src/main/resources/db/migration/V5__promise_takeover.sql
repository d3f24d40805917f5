-- A supervisor took over a promise at risk (the callback time passed with the callback undone): who took it over,
-- when, and who calls the customer now (the supervisor or a colleague they handed it to).
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

ALTER TABLE ft_promise ADD COLUMN taken_over_by VARCHAR(64);
ALTER TABLE ft_promise ADD COLUMN taken_over_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ft_promise ADD COLUMN handed_to VARCHAR(64);
