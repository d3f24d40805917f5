-- Issue 15: the first resolution beside the final one (a reopened case is resolved again), and the business minutes
-- the resolution clock stood still while the team waited on the customer (servicelevel.ResolutionClock).
ALTER TABLE ft_case_fact ADD COLUMN first_resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ft_case_fact ADD COLUMN first_resolution_minutes DOUBLE PRECISION;
ALTER TABLE ft_case_fact ADD COLUMN paused_minutes BIGINT DEFAULT 0 NOT NULL;
