-- Mentions per topic and polarity in the period [$1, $2) and the one before [$3, $1).
SELECT topic, polarity,
       coalesce(sum(mentions) FILTER (WHERE day >= $1::date), 0)::bigint AS mentions,
       coalesce(sum(mentions) FILTER (WHERE day < $1::date), 0)::bigint AS previous_mentions
  FROM pain_point_tallies
 WHERE day >= $3::date AND day < $2::date AND polarity IN ('negative', 'positive')
 GROUP BY topic, polarity
