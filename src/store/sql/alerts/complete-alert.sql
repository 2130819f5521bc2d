-- Delivered once every endpoint it was dispatched to has accepted it: status follows the last
-- attempts, so an alert an earlier attempt left `failed` is delivered once a later one succeeds.
UPDATE alerts
SET status = 'delivered', delivered_at = now()
WHERE id = $1 AND status IN ('pending', 'failed')
  AND targets <@ ARRAY(SELECT d.endpoint FROM alert_deliveries d WHERE d.alert_id = $1 AND d.kind = 'alert' AND d.ok)
RETURNING id
