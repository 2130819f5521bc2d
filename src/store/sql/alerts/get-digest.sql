SELECT id, rule, source, opened_at, closes_at, status, targets FROM alert_digests WHERE id = $1
