-- A failed POST of finding $1: $2 the error, $3 true on the last attempt (then `failed`).
UPDATE metric_alerts
   SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3 AND status = 'pending' THEN 'failed' ELSE status END
 WHERE id = $1
