-- Daily mentions per topic of the polarities $3 (text[]) over [$1, $2): the overview's sparklines.
SELECT topic, polarity, day::text AS day, sum(mentions)::bigint AS mentions
  FROM pain_point_tallies
 WHERE polarity = ANY($3::text[]) AND day >= $1::date AND day < $2::date
 GROUP BY 1, 2, 3
