-- Whether the monitor already raised this topic and scope within the cool-down ($4 milliseconds),
-- other than finding $5 itself (sent, or on its way).
SELECT EXISTS (
  SELECT 1 FROM metric_alerts
   WHERE monitor = $1 AND topic = $2 AND scope = $3::jsonb AND id <> $5
     AND status IN ('pending', 'delivered', 'failed')
     AND created_at > now() - ($4::float8 * interval '1 millisecond')
) AS sent
