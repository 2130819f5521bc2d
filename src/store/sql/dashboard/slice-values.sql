-- The values of one slice dimension ($3) in [$1, $2), with their items, most first.
SELECT CASE $3 WHEN 'region' THEN region WHEN 'channel' THEN channel
               WHEN 'source' THEN source WHEN 'segment' THEN segment
               WHEN 'product' THEN product END AS value,
       sum(items)::bigint AS items
  FROM feedback_daily
 WHERE day >= $1::date AND day < $2::date
 GROUP BY 1
 ORDER BY 2 DESC, 1
