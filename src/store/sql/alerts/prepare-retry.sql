-- Alerts of the given statuses ($3: failed, stale, unrouted) go back to pending for one more round,
-- each on its own (a failed digest's alerts included): those named ($1), or all of them ($2), about
-- items posted since $4 (created since, where the item has no posted time; null: any time).
-- Every round gets new job ids (retries), since the failed jobs are kept. Stale and unrouted
-- alerts are routed afresh, with the routes of now.
UPDATE alerts a
SET status = 'pending', retries = a.retries + 1, digest_id = NULL,
    dispatched_at = CASE WHEN a.status = 'failed' THEN a.dispatched_at END
FROM feedback f
WHERE f.id = a.feedback_id
  AND a.status = ANY($3::text[])
  AND (a.id = ANY($1::bigint[]) OR $2::boolean)
  AND ($4::timestamptz IS NULL OR coalesce(f.posted_at, a.created_at) >= $4::timestamptz)
RETURNING a.id
