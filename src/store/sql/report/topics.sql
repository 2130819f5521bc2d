-- Negative mentions per topic in the period [$1, $2) and in the previous one [$3, $1).
WITH cur AS (
  SELECT topic, sum(mentions)::bigint AS mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative' AND day >= $1::date AND day < $2::date
   GROUP BY topic
),
prev AS (
  SELECT topic, sum(mentions)::bigint AS mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative' AND day >= $3::date AND day < $1::date
   GROUP BY topic
)
SELECT topic, coalesce(c.mentions, 0) AS negative_mentions, coalesce(p.mentions, 0) AS previous_mentions
  FROM cur c
  FULL JOIN prev p USING (topic)
 ORDER BY 2 DESC, 3 DESC, 1
