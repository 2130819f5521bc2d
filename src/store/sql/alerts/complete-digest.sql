-- A digest is delivered once every endpoint it went to accepted it; then so are its alerts (also
-- when an earlier attempt had marked them failed).
WITH done AS (
  UPDATE alert_digests
  SET status = 'delivered', delivered_at = now()
  WHERE id = $1 AND status IN ('sending', 'failed')
    AND targets <@ ARRAY(SELECT d.endpoint FROM alert_deliveries d WHERE d.digest_id = $1 AND d.ok)
  RETURNING id
)
UPDATE alerts SET status = 'delivered', delivered_at = now()
WHERE digest_id IN (SELECT id FROM done) AND status IN ('pending', 'failed')
RETURNING id
