-- Improvements, newest first, with the verdict improvement_effect gives (4 weeks either side).
SELECT i.id, i.topic, i.action, i.owner, to_char(i.start_date, 'YYYY-MM-DD') AS start_date, i.pilot_scope, i.control_scope,
       i.root_cause_id, i.status, i.note, i.created_at,
       e.effect::float8 AS effect, e.p_value, e.verdict,
       e.ci95_low::float8 AS ci95_low, e.ci95_high::float8 AS ci95_high, e.mde::float8 AS mde, e.test
FROM improvements i
LEFT JOIN improvement_effect e ON e.improvement_id = i.id
WHERE ($1::text IS NULL OR i.topic = $1)
ORDER BY i.id DESC
LIMIT $2
