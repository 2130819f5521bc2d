-- Records a finding once: a second check of the same monitor, topic, scope and window adds nothing.
-- Returns the row only when it is new.
INSERT INTO metric_alerts (monitor, kind, metric, topic, scope, window_from, window_to, value, baseline, p_value, n, detail)
VALUES ($1, $2, $3, $4, $5::jsonb, $6::date, $7::date, $8, $9, $10, $11, $12::jsonb)
ON CONFLICT (monitor, topic, scope, window_from, window_to) DO NOTHING
RETURNING id
