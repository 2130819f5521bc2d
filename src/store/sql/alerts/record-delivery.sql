INSERT INTO alert_deliveries (kind, alert_id, digest_id, operational_alert_id, endpoint, attempt, ok, status_code, error, duration_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
