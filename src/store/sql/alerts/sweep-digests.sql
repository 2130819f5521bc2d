-- Windows past their end that were never flushed, and digests still being sent.
SELECT id, status FROM alert_digests
WHERE (status = 'open' AND closes_at < now() - make_interval(secs => $1))
   OR (status = 'sending' AND closes_at < now() - make_interval(secs => $1))
ORDER BY id
LIMIT $2
