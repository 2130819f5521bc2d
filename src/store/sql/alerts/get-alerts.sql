SELECT a.id, a.rule, a.severity, a.keyword, a.evidence, a.status, a.created_at, a.due_at,
       a.acknowledged_at, a.resolved_at, a.escalated_at, a.resolution_note, a.digest_id,
       f.id AS feedback_id, f.channel, f.source, f.url, f.text, f.posted_at
FROM alerts a
JOIN feedback f ON f.id = a.feedback_id
WHERE a.id = ANY($1::bigint[])
ORDER BY a.id
