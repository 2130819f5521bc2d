-- $1 source, $2 text[] external ids: those already stored (an index lookup on the unique key).
SELECT external_id FROM feedback WHERE source = $1 AND external_id = ANY($2::text[])
