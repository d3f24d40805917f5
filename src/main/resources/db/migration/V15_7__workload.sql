-- Workload (issue 15, item 7). Numbered after the issue so that migrations added on other branches at the same time
-- (V9, V10, ...) do not take the same version.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

-- Who held the callback when the promise broke (the assignee of the open callback task: the owner, a colleague an
-- absent owner's work went to, the person a supervisor handed it to). Broken promises are counted against them.
ALTER TABLE ft_promise ADD COLUMN broken_holder VARCHAR(64);
CREATE INDEX ix_ft_promise_broken ON ft_promise (broken_at);

-- An agent's absence, as a supervisor entered it (PUT /api/agents/{user}/absence): one per agent, the latest wins.
-- While it lasts, tasks that would be assigned to the agent go to hand_over_to, or to the case team's queue.
CREATE TABLE ft_absence (
    user_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    hand_over_to   VARCHAR(64),
    recorded_by    VARCHAR(64)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
