-- Root causes, newest first, with the cases resolved naming them.
SELECT r.id, r.topic, r.scope, r.whys, r.category, r.owner, r.note, r.created_at,
       coalesce(c.cases, 0) AS cases, coalesce(c.recurred, 0) AS recurred
FROM root_causes r
LEFT JOIN root_cause_cases c ON c.root_cause_id = r.id
WHERE ($1::text IS NULL OR r.topic = $1)
ORDER BY r.id DESC
LIMIT $2
