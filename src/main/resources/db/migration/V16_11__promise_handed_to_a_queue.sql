-- A callback that went to a team's queue while the agent who held it is away: the team whose queue holds it now, so
-- that an update to the customer names nobody who does not hold the call (handed_to is then empty).
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

ALTER TABLE ft_promise ADD COLUMN handed_to_team VARCHAR(64);
