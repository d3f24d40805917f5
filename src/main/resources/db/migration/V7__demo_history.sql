-- Demo profile: the demo history (com.followthrough.demo.DemoHistory) is generated once per database. Its row here,
-- inserted before the first case is generated, is the claim: a restart, or a second node starting at the same time,
-- finds it and generates nothing. The table stays empty outside the demo profile.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
CREATE TABLE ft_demo_history (
    id           VARCHAR(16) NOT NULL PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    cases        INTEGER NOT NULL
);
