-- alert_sla for the weeks since $1, newest first.
SELECT rule, week::text AS week, iso_week, alerts, acknowledged, acknowledged_in_time, resolved, escalated,
       response_rate, closure_rate, ack_seconds_p50, ack_seconds_p90, resolve_seconds_p50, resolve_seconds_p90,
       answered_within_deadline_rate, compensated, compensation_total::float8 AS compensation_total, recurred, recurrence_rate
  FROM alert_sla
 WHERE week >= date_trunc('week', $1::date)::date
 ORDER BY week DESC, rule
