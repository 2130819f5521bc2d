-- One topic's mentions per bucket ($4: 'week' | 'day') and polarity in [$2, $3), within an
-- optional slice ($5 dimension = $6).
SELECT date_trunc($4, day)::date::text AS bucket, polarity, sum(mentions)::bigint AS mentions
  FROM pain_point_tallies
 WHERE topic = $1 AND day >= $2::date AND day < $3::date
   AND ($6::text IS NULL OR CASE $5 WHEN 'region' THEN region WHEN 'channel' THEN channel
                                    WHEN 'source' THEN source WHEN 'segment' THEN segment
                                    WHEN 'product' THEN product END = $6)
 GROUP BY 1, 2
 ORDER BY 1, 2
