-- How the listed cases ($1: their ids) are being handled: assignee, compensation, root cause, recurrence.
SELECT id, assignee, compensation_kind, compensation_amount::float8 AS compensation_amount, root_cause_id, recurred
  FROM alerts
 WHERE id = ANY($1::bigint[])
