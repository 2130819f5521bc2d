-- Alerts old enough that their dispatch should have happened: pending and never routed (a crash
-- between the store commit and the enqueue), pending and routed alone but still owed to some
-- endpoint, or unrouted while the routes changed after they were routed ($3: when they last
-- changed), about items posted within the last $4 hours (0: any).
SELECT a.id
FROM alerts a
JOIN feedback f ON f.id = a.feedback_id
WHERE a.created_at < now() - make_interval(secs => $1)
  AND (
    (a.status = 'pending' AND (a.dispatched_at IS NULL OR (a.digest_id IS NULL AND cardinality(a.targets) > 0)))
    OR (a.status = 'unrouted' AND a.dispatched_at < $3::timestamptz
        AND ($4::float8 <= 0 OR coalesce(f.posted_at, a.created_at) > now() - $4::float8 * interval '1 hour'))
  )
ORDER BY a.id
LIMIT $2
