SELECT id, source_id, trigger, status, started_at, finished_at, pages, pages_failed, pages_blocked,
       items_found, items_new, items_seen, items_invalid, errors, stop_reason, detail
FROM crawl_runs
WHERE source_id = $1
ORDER BY id DESC
LIMIT $2
