-- The heatmap cells: negative mentions per ISO week (its Monday) and topic, of the weeks that
-- overlap [$1, $2), each week whole as pain_point_share counts it, over the items the filters keep
-- ($3–$7: channel, source, region, segment, product; null = any).
SELECT date_trunc('week', day)::date::text AS bucket, topic, sum(mentions)::bigint AS mentions
  FROM pain_point_tallies
 WHERE polarity = 'negative'
   AND day >= date_trunc('week', $1::date)::date AND day < date_trunc('week', ($2::date - 1))::date + 7
   AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR source = $4)
   AND ($5::text IS NULL OR region = $5) AND ($6::text IS NULL OR segment = $6)
   AND ($7::text IS NULL OR product = $7)
 GROUP BY 1, 2
 ORDER BY 1, 2
