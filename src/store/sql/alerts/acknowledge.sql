UPDATE alerts
SET status = CASE WHEN status = 'resolved' THEN status ELSE 'acknowledged' END,
    acknowledged_at = coalesce(acknowledged_at, now()),
    acknowledged_note = coalesce($2, acknowledged_note)
WHERE id = $1
RETURNING id
