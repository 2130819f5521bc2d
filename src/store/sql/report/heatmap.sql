-- The heatmap cells (pain_point_share) of the ISO weeks that overlap [$1, $2).
SELECT week::text AS week, iso_week, topic, negative_mentions, share
  FROM pain_point_share
 WHERE week >= date_trunc('week', $1::date)::date AND week < $2::date
 ORDER BY week, topic
