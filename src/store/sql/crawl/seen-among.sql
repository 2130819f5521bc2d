-- $1 source, $2 external ids: those already yielded by an earlier page or run.
SELECT external_id FROM crawl_seen_items WHERE source_id = $1 AND external_id = ANY ($2::text[])
