-- Opens the storm window of a rule and source, unless one is open already (then: no row).
INSERT INTO alert_digests (rule, source, opener_alert_id, closes_at)
VALUES ($1, $2, $3, now() + make_interval(secs => $4))
ON CONFLICT (rule, source) WHERE status = 'open' DO NOTHING
RETURNING id, closes_at
