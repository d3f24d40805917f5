-- A promise of a case that was cancelled: nobody calls any more, and it is neither kept nor broken (status CANCELLED,
-- cancelled_at when the case was). Until 7 December 2026 such a promise stayed OPEN for ever, and the insights counted
-- it as open; V16_5 recorded those of cases cancelled before it as broken at the moment the case was cancelled (its
-- KeepPromise ended within that minute), before their time: they are cancelled too, and count against nobody.
-- Promises broken when their time passed, kept ones and those of cases not cancelled stay as they are.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

ALTER TABLE ft_promise ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;

UPDATE ft_promise SET status = 'CANCELLED', broken_at = NULL, broken_holder = NULL,
    cancelled_at = (SELECT f.closed_at FROM ft_case_fact f WHERE f.case_reference = ft_promise.case_reference)
WHERE fulfilled_at IS NULL
  AND EXISTS (SELECT 1 FROM ft_case_fact f
      WHERE f.case_reference = ft_promise.case_reference AND f.outcome = 'cancelled' AND f.closed_at IS NOT NULL
        AND (ft_promise.status = 'OPEN'
             OR (ft_promise.status = 'BROKEN' AND ft_promise.broken_at < ft_promise.due_at
                 AND ft_promise.broken_at <= f.closed_at
                 AND ft_promise.broken_at > f.closed_at - INTERVAL '1' MINUTE)));
