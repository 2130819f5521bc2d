SELECT name, format, rules, min_severity, channels, sources, receives, url_sha256, updated_at
FROM delivery_endpoints
WHERE deployment = $1 AND retired_at IS NULL
ORDER BY name
