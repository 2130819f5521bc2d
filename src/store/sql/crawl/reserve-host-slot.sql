-- $1 host, $2 seconds between requests. Returns how long the caller waits before its request.
INSERT INTO crawl_host_slots AS s (host, next_at)
VALUES ($1, clock_timestamp() + make_interval(secs => $2))
ON CONFLICT (host) DO UPDATE
  SET next_at = greatest(s.next_at, clock_timestamp()) + make_interval(secs => $2)
RETURNING greatest(0, extract(epoch FROM (s.next_at - make_interval(secs => $2) - clock_timestamp())) * 1000)::float8 AS wait_ms
