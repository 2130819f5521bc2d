-- Pending alerts old enough that their dispatch should have happened: never routed (a crash between
-- the store commit and the enqueue), or routed alone and still owed to some endpoint.
SELECT a.id
FROM alerts a
WHERE a.status = 'pending'
  AND a.created_at < now() - make_interval(secs => $1)
  AND (a.dispatched_at IS NULL OR (a.digest_id IS NULL AND cardinality(a.targets) > 0))
ORDER BY a.id
LIMIT $2
