-- A delivery process's endpoints, as its config has them now (a retired one comes back).
INSERT INTO delivery_endpoints AS e (deployment, name, format, rules, min_severity, channels, sources, receives, url_sha256)
SELECT $1, v.name, v.format,
       CASE WHEN v.rules = '' THEN NULL ELSE string_to_array(v.rules, ',') END, v.min_severity,
       CASE WHEN v.channels = '' THEN NULL ELSE string_to_array(v.channels, ',') END,
       CASE WHEN v.sources = '' THEN NULL ELSE string_to_array(v.sources, ',') END,
       string_to_array(v.receives, ','), v.url_sha256
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS v(name, format, rules, min_severity, channels, sources, receives, url_sha256)
ORDER BY v.name
ON CONFLICT (deployment, name) DO UPDATE
SET format = EXCLUDED.format, rules = EXCLUDED.rules, min_severity = EXCLUDED.min_severity,
    channels = EXCLUDED.channels, sources = EXCLUDED.sources, receives = EXCLUDED.receives,
    url_sha256 = EXCLUDED.url_sha256, retired_at = NULL,
    updated_at = CASE WHEN (e.format, e.rules, e.min_severity, e.channels, e.sources, e.receives, e.url_sha256, e.retired_at)
                           IS NOT DISTINCT FROM (EXCLUDED.format, EXCLUDED.rules, EXCLUDED.min_severity, EXCLUDED.channels, EXCLUDED.sources, EXCLUDED.receives, EXCLUDED.url_sha256, NULL::timestamptz)
                      THEN e.updated_at ELSE now() END
