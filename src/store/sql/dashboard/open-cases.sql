-- Open cases (not resolved) per severity, and how many of them are overdue: unacknowledged past due_at.
SELECT severity,
       count(*)::int AS open,
       count(*) FILTER (WHERE acknowledged_at IS NULL AND due_at < now())::int AS overdue,
       count(*) FILTER (WHERE acknowledged_at IS NULL)::int AS unacknowledged
  FROM alerts
 WHERE resolved_at IS NULL
 GROUP BY severity
