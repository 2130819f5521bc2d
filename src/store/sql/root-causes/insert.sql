INSERT INTO root_causes (topic, scope, whys, category, owner, note)
VALUES ($1, $2::jsonb, $3::text[], $4, $5, $6)
RETURNING id, created_at
