UPDATE operational_alerts
SET status = 'delivered', delivered_at = now()
WHERE id = $1 AND status IN ('pending', 'failed')
  AND targets <@ ARRAY(SELECT d.endpoint FROM alert_deliveries d WHERE d.operational_alert_id = $1 AND d.ok)
