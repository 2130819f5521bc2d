-- The body of a delivery id for one endpoint: this one if it is the first, else the one frozen before.
WITH frozen AS (
  INSERT INTO delivery_payloads (delivery_id, endpoint, body) VALUES ($1, $2, $3)
  ON CONFLICT (delivery_id, endpoint) DO NOTHING
  RETURNING body
)
SELECT body FROM frozen
UNION ALL
SELECT body FROM delivery_payloads WHERE delivery_id = $1 AND endpoint = $2
LIMIT 1
