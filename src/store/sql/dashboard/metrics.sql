-- What /metrics reads from the database at each scrape (shared by every worker process).
SELECT 'feedback' AS family, channel AS a, source AS b, count(*)::float8 AS value FROM feedback GROUP BY channel, source
UNION ALL
SELECT 'rejected', reason, coalesce(source, ''), count(*)::float8 FROM rejected_items GROUP BY reason, source
UNION ALL
SELECT 'read', channel, source, sum(read)::float8 FROM import_runs GROUP BY channel, source
UNION ALL
SELECT 'deliveries', endpoint, CASE WHEN ok THEN 'ok' ELSE 'failed' END, count(*)::float8 FROM alert_deliveries GROUP BY endpoint, ok
UNION ALL
SELECT 'crawl_pages', source_id, 'read', sum(pages)::float8 FROM crawl_runs GROUP BY source_id
UNION ALL
SELECT 'crawl_pages', source_id, 'failed', sum(pages_failed)::float8 FROM crawl_runs GROUP BY source_id
UNION ALL
SELECT 'crawl_runs', source_id, status, count(*)::float8 FROM crawl_runs GROUP BY source_id, status
UNION ALL
SELECT 'open_alerts', severity, CASE WHEN acknowledged_at IS NULL AND due_at < now() THEN 'overdue' ELSE 'in_time' END, count(*)::float8
  FROM alerts WHERE resolved_at IS NULL GROUP BY 2, 3
