-- Negative mentions per topic in the period [$1, $2) and in the previous one [$3, $1).
-- $4–$8: channel, source, region, segment, product filters (null = any).
WITH t AS (
  SELECT * FROM pain_point_tallies
   WHERE polarity = 'negative' AND day >= $3::date AND day < $2::date
     AND ($4::text IS NULL OR channel = $4) AND ($5::text IS NULL OR source = $5)
     AND ($6::text IS NULL OR region = $6) AND ($7::text IS NULL OR segment = $7)
     AND ($8::text IS NULL OR product = $8)
),
cur AS (
  SELECT topic, sum(mentions)::bigint AS mentions FROM t WHERE day >= $1::date GROUP BY topic
),
prev AS (
  SELECT topic, sum(mentions)::bigint AS mentions FROM t WHERE day < $1::date GROUP BY topic
)
SELECT topic, coalesce(c.mentions, 0) AS negative_mentions, coalesce(p.mentions, 0) AS previous_mentions
  FROM cur c
  FULL JOIN prev p USING (topic)
 ORDER BY 2 DESC, 3 DESC, 1
