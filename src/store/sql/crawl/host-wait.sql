-- $1 host. How long until the host could be taken: until its next request is due, or until the
-- current holder's lease ends (it usually lets go far sooner).
SELECT greatest(0, extract(epoch FROM (
         CASE WHEN holder IS NOT NULL AND lease_until > clock_timestamp() THEN greatest(next_at, lease_until) ELSE next_at END
         - clock_timestamp())) * 1000)::float8 AS wait_ms,
       (holder IS NOT NULL AND lease_until > clock_timestamp()) AS held
FROM crawl_host_slots
WHERE host = $1
