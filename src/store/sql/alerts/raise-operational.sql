-- The same kind and source raised again within the window counts as a repeat, not a new alert.
WITH recent AS (
  UPDATE operational_alerts SET repeats = repeats + 1, last_raised_at = now(), detail = $4
  WHERE id = (
    SELECT id FROM operational_alerts
    WHERE kind = $1 AND source = $2 AND created_at > now() - make_interval(secs => $5)
    ORDER BY id DESC LIMIT 1
  )
  RETURNING id, false AS created
), created AS (
  INSERT INTO operational_alerts (kind, source, severity, detail)
  SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM recent)
  RETURNING id, true AS created
)
SELECT id, created FROM recent UNION ALL SELECT id, created FROM created
