-- $1 host, $2 holder, $3 seconds until the next request may start (counted from now: the answer).
UPDATE crawl_host_slots
SET holder = NULL, lease_until = NULL, next_at = clock_timestamp() + make_interval(secs => $3)
WHERE host = $1 AND holder = $2
