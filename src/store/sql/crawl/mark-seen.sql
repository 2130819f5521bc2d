-- $1 source, $2 external ids, $3 run id.
INSERT INTO crawl_seen_items (source_id, external_id, first_run_id)
SELECT $1, id, $3 FROM unnest($2::text[]) AS id
ON CONFLICT DO NOTHING
