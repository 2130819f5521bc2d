SELECT id, topic, action, owner, to_char(start_date, 'YYYY-MM-DD') AS start_date, pilot_scope, control_scope, root_cause_id, status, note, created_at
FROM improvements
WHERE id = $1
