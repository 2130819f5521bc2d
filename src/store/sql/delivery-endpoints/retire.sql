UPDATE delivery_endpoints SET retired_at = now(), updated_at = now()
WHERE deployment = $1 AND name = ANY($2::text[]) AND retired_at IS NULL
RETURNING name
