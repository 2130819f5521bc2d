SELECT a.id, a.rule, a.severity, a.keyword, a.status, a.created_at, a.due_at, a.delivered_at,
       a.acknowledged_at, a.resolved_at, a.escalated_at, a.targets, a.digest_id,
       f.source, f.channel, left(a.evidence, 120) AS evidence,
       last.endpoint AS last_endpoint, last.status_code AS last_status_code, last.error AS last_error,
       (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id) AS attempts
FROM alerts a
JOIN feedback f ON f.id = a.feedback_id
LEFT JOIN LATERAL (
  SELECT d.endpoint, d.status_code, d.error FROM alert_deliveries d
  WHERE d.alert_id = a.id OR (a.digest_id IS NOT NULL AND d.digest_id = a.digest_id)
  ORDER BY d.at DESC, d.id DESC LIMIT 1
) last ON true
WHERE ($1::text IS NULL OR a.status = $1)
  AND ($2::text IS NULL OR a.rule = $2)
ORDER BY a.id DESC
LIMIT $3
