-- Failed alerts go back to pending for one more round, each on its own (a failed digest's alerts
-- included); every round gets new job ids (retries), since the failed jobs are kept.
UPDATE alerts a
SET status = 'pending', retries = a.retries + 1, digest_id = NULL
WHERE a.status = 'failed' AND (a.id = ANY($1::bigint[]) OR $2::boolean)
RETURNING a.id
