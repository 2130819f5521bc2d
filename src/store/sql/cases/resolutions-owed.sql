-- Resolved cases whose resolution webhook has not been enqueued yet (the outbox), oldest first,
-- with what endpoint filters look at.
SELECT a.id, a.rule, a.severity, f.channel, f.source
FROM alerts a
JOIN feedback f ON f.id = a.feedback_id
WHERE a.resolved_at IS NOT NULL AND a.resolution_dispatched_at IS NULL
  AND ($1::bigint[] IS NULL OR a.id = ANY($1::bigint[]))
ORDER BY a.resolved_at
LIMIT $2
