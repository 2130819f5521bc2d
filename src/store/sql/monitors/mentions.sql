-- Negative mentions (items per topic) per day and slice in [$1, $2). $3–$7: dimension filters.
SELECT day::text AS day, channel, source, region, segment, product, topic, mentions::int AS mentions
  FROM pain_point_tallies
 WHERE polarity = 'negative' AND day >= $1::date AND day < $2::date
   AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR source = $4)
   AND ($5::text IS NULL OR region = $5) AND ($6::text IS NULL OR segment = $6)
   AND ($7::text IS NULL OR product = $7)
