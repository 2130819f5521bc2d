-- Findings still owed to an endpoint (a crash between recording and enqueuing): pending, older than
-- $1 seconds, with the targets not yet delivered to.
SELECT id, ARRAY(SELECT t FROM unnest(targets) t WHERE NOT t = ANY (delivered_to)) AS endpoints
  FROM metric_alerts
 WHERE status = 'pending' AND targets IS NOT NULL AND created_at < now() - ($1::float8 * interval '1 second')
 ORDER BY id
 LIMIT 500
