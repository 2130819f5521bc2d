INSERT INTO improvements (topic, action, owner, start_date, pilot_scope, control_scope, root_cause_id, status, note)
VALUES ($1, $2, $3, $4::date, $5::jsonb, $6::jsonb, $7, coalesce($8, 'active'), $9)
RETURNING id
