-- $1 host, $2 holder, $3 lease seconds. Takes the host when nobody holds it (or a lease ran out) and
-- its next request is due; returns a row only then.
INSERT INTO crawl_host_slots AS s (host, next_at, holder, lease_until)
VALUES ($1, clock_timestamp(), $2, clock_timestamp() + make_interval(secs => $3))
ON CONFLICT (host) DO UPDATE
  SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
  WHERE (s.holder IS NULL OR s.lease_until < clock_timestamp()) AND s.next_at <= clock_timestamp()
RETURNING holder
