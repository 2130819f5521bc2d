-- Acknowledging a case: who took it, when (the first answer counts), and the working hours it took.
-- $1 id, $2 note, $3 assignee. Working hours are filled in by set-working-hours.sql right after.
UPDATE alerts
SET status = CASE WHEN status = 'resolved' THEN status ELSE 'acknowledged' END,
    acknowledged_at = coalesce(acknowledged_at, now()),
    acknowledged_note = coalesce($2, acknowledged_note),
    assignee = coalesce($3, assignee)
WHERE id = $1
RETURNING id, created_at, acknowledged_at, resolved_at
