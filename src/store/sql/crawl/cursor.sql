SELECT source_id, items_seen, last_items_found, newest_external_id, last_run_id, last_crawled_at
FROM crawl_cursors
WHERE source_id = $1
