-- Mentions per bucket (a week or a day) and topic in [$1, $2) for one polarity ($3), grain $4
-- ('week' | 'day'), optionally within one slice: dimension $5 (region | channel | source | segment | product)
-- equal to $6. The tallies store '' for an item without region or segment.
SELECT date_trunc($4, day)::date::text AS bucket, topic, sum(mentions)::bigint AS mentions
  FROM pain_point_tallies
 WHERE polarity = $3 AND day >= $1::date AND day < $2::date
   AND ($6::text IS NULL OR CASE $5 WHEN 'region' THEN region WHEN 'channel' THEN channel
                                    WHEN 'source' THEN source WHEN 'segment' THEN segment
                                    WHEN 'product' THEN product END = $6)
 GROUP BY 1, 2
 ORDER BY 1, 2
