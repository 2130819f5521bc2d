-- `report --by`: per value of one dimension ($9: channel, source, region, segment or product), its
-- items and each topic's negative mentions in [$1, $2) and in [$3, $1). $4–$8: filters as above.
-- Rows with topic '' carry the value's item totals.
WITH t AS (
  SELECT CASE $9 WHEN 'channel' THEN channel WHEN 'source' THEN source WHEN 'region' THEN region
                 WHEN 'segment' THEN segment ELSE product END AS value, day, topic, mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative' AND day >= $3::date AND day < $2::date
     AND ($4::text IS NULL OR channel = $4) AND ($5::text IS NULL OR source = $5)
     AND ($6::text IS NULL OR region = $6) AND ($7::text IS NULL OR segment = $7)
     AND ($8::text IS NULL OR product = $8)
),
d AS (
  SELECT CASE $9 WHEN 'channel' THEN channel WHEN 'source' THEN source WHEN 'region' THEN region
                 WHEN 'segment' THEN segment ELSE product END AS value, day, items, negative_items
    FROM feedback_daily
   WHERE day >= $3::date AND day < $2::date
     AND ($4::text IS NULL OR channel = $4) AND ($5::text IS NULL OR source = $5)
     AND ($6::text IS NULL OR region = $6) AND ($7::text IS NULL OR segment = $7)
     AND ($8::text IS NULL OR product = $8)
)
SELECT value, topic,
       coalesce(sum(mentions) FILTER (WHERE day >= $1::date), 0)::bigint AS negative_mentions,
       coalesce(sum(mentions) FILTER (WHERE day < $1::date), 0)::bigint AS previous_mentions,
       0::bigint AS items, 0::bigint AS negative_items
  FROM t GROUP BY value, topic
UNION ALL
SELECT value, '' AS topic, 0, 0,
       coalesce(sum(items) FILTER (WHERE day >= $1::date), 0)::bigint,
       coalesce(sum(negative_items) FILTER (WHERE day >= $1::date), 0)::bigint
  FROM d GROUP BY value
ORDER BY 1, 2
