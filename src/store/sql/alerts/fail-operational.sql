UPDATE operational_alerts SET status = 'failed' WHERE id = $1 AND status = 'pending'
