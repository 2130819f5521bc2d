SELECT id, kind, source, severity, detail, status, targets, created_at FROM operational_alerts WHERE id = $1
