SELECT a.id, a.rule, a.severity, a.keyword, a.evidence, a.status, a.created_at, a.due_at,
       a.acknowledged_at, a.resolved_at, a.assignee, a.resolution_note, a.acknowledged_note,
       a.compensation_kind, a.compensation_amount::float8 AS compensation_amount, a.root_cause_id,
       a.recurred, a.recurrence_of, a.ack_working_hours, a.resolve_working_hours, a.targets,
       f.id AS feedback_id, f.channel, f.source, f.url, f.text, f.posted_at, f.author, f.order_id
FROM alerts a
JOIN feedback f ON f.id = a.feedback_id
WHERE a.id = ANY($1::bigint[])
ORDER BY a.id
