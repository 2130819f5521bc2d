WITH failed AS (
  UPDATE alert_digests SET status = 'failed' WHERE id = $1 AND status = 'sending' RETURNING id
)
UPDATE alerts SET status = 'failed'
WHERE digest_id IN (SELECT id FROM failed) AND status = 'pending'
RETURNING id
