-- Daily mentions per topic of one polarity ($3) over [$1, $2): the overview's sparklines.
SELECT topic, day::text AS day, sum(mentions)::bigint AS mentions
  FROM pain_point_tallies
 WHERE polarity = $3 AND day >= $1::date AND day < $2::date
 GROUP BY 1, 2
