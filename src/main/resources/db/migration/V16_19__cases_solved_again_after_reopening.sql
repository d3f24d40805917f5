-- A case whose first solution did not hold: resolved, reopened (by the customer, or by the owner on the customer's
-- reply), resolved again and closed with no callback promised and no specialist brought in. Until 7 December 2026 it
-- was recorded as solved at the first contact; it is solvedAfterReopening, as insights.CaseFactRecorder records it
-- now (resolved_at, the last resolution, after first_resolved_at). A case without first_resolved_at (first resolved
-- before V10, 3 December 2026, recorded it) cannot be told apart, and keeps its outcome (docs/analysts.md).
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

UPDATE ft_case_fact SET outcome = 'solvedAfterReopening'
WHERE outcome = 'solvedAtFirstContact' AND resolved_at > first_resolved_at;
