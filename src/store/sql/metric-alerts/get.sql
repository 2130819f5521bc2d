SELECT id, monitor, kind, metric, topic, scope, window_from::text AS window_from, window_to::text AS window_to,
       value, baseline, p_value, n, detail, status, targets, delivered_to, attempts, created_at, delivered_at
  FROM metric_alerts
 WHERE id = $1
