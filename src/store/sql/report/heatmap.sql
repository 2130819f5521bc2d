-- The heatmap cells of the ISO weeks that overlap [$1, $2): each topic's share of the week's
-- negative mentions, as pain_point_share computes it, over the items the filters keep
-- ($3–$7: channel, source, region, segment, product; null = any).
WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, topic, sum(mentions)::bigint AS negative_mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative'
     AND day >= date_trunc('week', $1::date)::date AND day < $2::date + 7
     AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR source = $4)
     AND ($5::text IS NULL OR region = $5) AND ($6::text IS NULL OR segment = $6)
     AND ($7::text IS NULL OR product = $7)
   GROUP BY 1, 2
)
SELECT week::text AS week, to_char(week, 'IYYY-"W"IW') AS iso_week, topic, negative_mentions,
       round(negative_mentions::numeric / nullif(sum(negative_mentions) OVER (PARTITION BY week), 0), 4) AS share
  FROM weekly
 WHERE week >= date_trunc('week', $1::date)::date AND week < $2::date
 ORDER BY week, topic
