-- Resolving answers the customer too: an alert resolved unacknowledged counts as acknowledged now.
UPDATE alerts
SET status = 'resolved',
    acknowledged_at = coalesce(acknowledged_at, now()),
    resolved_at = coalesce(resolved_at, now()),
    resolution_note = $2
WHERE id = $1
RETURNING id
