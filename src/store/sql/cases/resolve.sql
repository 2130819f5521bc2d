-- Resolving a case answers the customer too: unacknowledged, it counts as acknowledged now.
-- $1 id, $2 note, $3 compensation kind, $4 amount, $5 root cause id, $6 assignee, $7 when (null: now).
-- A second resolve updates the note, compensation and root cause but keeps the first resolved_at.
UPDATE alerts
SET status = 'resolved',
    acknowledged_at = coalesce(acknowledged_at, $7::timestamptz, now()),
    resolved_at = coalesce(resolved_at, $7::timestamptz, now()),
    resolution_note = $2,
    compensation_kind = coalesce($3, compensation_kind),
    compensation_amount = coalesce($4::numeric, compensation_amount),
    root_cause_id = coalesce($5::bigint, root_cause_id),
    assignee = coalesce($6, assignee)
WHERE id = $1
RETURNING id, created_at, acknowledged_at, resolved_at
