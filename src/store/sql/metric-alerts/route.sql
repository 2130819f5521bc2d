-- Fixes where a new finding goes: $2 endpoint names, $3 status (pending, suppressed or unrouted).
UPDATE metric_alerts SET targets = $2::text[], status = $3 WHERE id = $1 AND targets IS NULL
