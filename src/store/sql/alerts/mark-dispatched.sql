-- $2: per alert, its endpoint names joined by commas ('' for none: it is `unrouted`); $3: its digest or null.
UPDATE alerts a
SET dispatched_at = now(), targets = string_to_array(v.targets, ','), digest_id = v.digest_id,
    status = CASE WHEN v.targets = '' THEN 'unrouted' ELSE 'pending' END
FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS v(id, targets, digest_id)
WHERE a.id = v.id AND a.status IN ('pending', 'unrouted')
