-- One topic's mentions in [$2, $3) by region, by source and by product, per polarity ('' = none given).
SELECT 'region' AS dimension, region AS value, polarity, sum(mentions)::bigint AS mentions
  FROM pain_point_tallies
 WHERE topic = $1 AND day >= $2::date AND day < $3::date
 GROUP BY region, polarity
UNION ALL
SELECT 'source', source, polarity, sum(mentions)::bigint
  FROM pain_point_tallies
 WHERE topic = $1 AND day >= $2::date AND day < $3::date
 GROUP BY source, polarity
UNION ALL
SELECT 'product', product, polarity, sum(mentions)::bigint
  FROM pain_point_tallies
 WHERE topic = $1 AND day >= $2::date AND day < $3::date
 GROUP BY product, polarity
 ORDER BY 1, 4 DESC, 2
