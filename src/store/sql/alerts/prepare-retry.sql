-- Failed alerts go back to pending for one more round; each round gets new job ids (retries).
UPDATE alerts a
SET status = 'pending', retries = a.retries + 1
WHERE a.status = 'failed' AND (a.id = ANY($1::bigint[]) OR $2::boolean)
RETURNING a.id
