-- Unacknowledged alerts past their deadline, each claimed once (escalated_at) for escalation.
UPDATE alerts a
SET escalated_at = now()
FROM feedback f
WHERE f.id = a.feedback_id
  AND a.id IN (
    SELECT id FROM alerts
    WHERE acknowledged_at IS NULL AND resolved_at IS NULL AND escalated_at IS NULL
      AND due_at < now() AND status IN ('pending', 'delivered', 'failed')
    ORDER BY due_at
    LIMIT $1
    FOR UPDATE SKIP LOCKED
  )
RETURNING a.id, a.rule, a.severity, f.channel, f.source
