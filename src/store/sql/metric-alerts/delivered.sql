-- Endpoint $2 received finding $1; delivered once every target has.
UPDATE metric_alerts
   SET delivered_to = CASE WHEN $2 = ANY (delivered_to) THEN delivered_to ELSE delivered_to || $2::text END,
       attempts = attempts + 1,
       last_error = NULL,
       status = CASE WHEN targets <@ (delivered_to || $2::text) THEN 'delivered' ELSE status END,
       delivered_at = CASE WHEN targets <@ (delivered_to || $2::text) THEN now() ELSE delivered_at END
 WHERE id = $1
