-- $1 source, $2 run id, $3 items found by the run, $4 newest external id (null keeps the old one).
INSERT INTO crawl_cursors (source_id, items_seen, last_items_found, newest_external_id, last_run_id, last_crawled_at, updated_at)
VALUES ($1, (SELECT count(*) FROM crawl_seen_items WHERE source_id = $1), $3, $4, $2, now(), now())
ON CONFLICT (source_id) DO UPDATE SET
  items_seen = EXCLUDED.items_seen,
  last_items_found = EXCLUDED.last_items_found,
  newest_external_id = coalesce(EXCLUDED.newest_external_id, crawl_cursors.newest_external_id),
  last_run_id = EXCLUDED.last_run_id,
  last_crawled_at = EXCLUDED.last_crawled_at,
  updated_at = now()
