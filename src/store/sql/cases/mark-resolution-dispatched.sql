UPDATE alerts SET resolution_dispatched_at = now() WHERE id = ANY($1::bigint[]) AND resolution_dispatched_at IS NULL
