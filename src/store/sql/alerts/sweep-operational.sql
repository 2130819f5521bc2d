-- Operational alerts still pending a while after they were raised (a crash before their enqueue,
-- or endpoints still owed), with the endpoints that accepted them already.
SELECT o.id, o.source, o.targets,
       ARRAY(SELECT DISTINCT d.endpoint FROM alert_deliveries d WHERE d.operational_alert_id = o.id AND d.ok) AS delivered_to
FROM operational_alerts o
WHERE o.status = 'pending'
  AND o.created_at < now() - make_interval(secs => $1)
  AND (o.targets IS NULL OR cardinality(o.targets) > 0)
ORDER BY o.id
LIMIT $2
