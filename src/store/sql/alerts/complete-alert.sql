-- Delivered once every endpoint it was dispatched to has accepted it.
UPDATE alerts
SET status = 'delivered', delivered_at = now()
WHERE id = $1 AND status = 'pending'
  AND targets <@ ARRAY(SELECT d.endpoint FROM alert_deliveries d WHERE d.alert_id = $1 AND d.kind = 'alert' AND d.ok)
RETURNING id
