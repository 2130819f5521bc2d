-- Resolved cases whose resolution webhook has not been enqueued yet (the outbox), oldest first.
SELECT id, coalesce(targets, '{}') AS targets
FROM alerts
WHERE resolved_at IS NOT NULL AND resolution_dispatched_at IS NULL
  AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
ORDER BY resolved_at
LIMIT $2
