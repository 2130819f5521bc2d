UPDATE alert_digests
SET targets = $2::text[], item_count = $3, status = CASE WHEN $3 = 0 OR cardinality($2::text[]) = 0 THEN 'empty' ELSE status END
WHERE id = $1
RETURNING status
