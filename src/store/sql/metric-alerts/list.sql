-- The latest findings, newest first ($1: at most this many).
SELECT id, monitor, kind, metric, topic, scope, window_from::text AS window_from, window_to::text AS window_to,
       value, baseline, p_value, n, status, created_at
  FROM metric_alerts
 ORDER BY created_at DESC, id DESC
 LIMIT $1
