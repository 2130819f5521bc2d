-- Items per day and slice in [$1, $2). $3–$7: channel, source, region, segment, product filters.
SELECT day::text AS day, channel, source, region, segment, product,
       items::int AS items, negative_items::int AS negative_items
  FROM feedback_daily
 WHERE day >= $1::date AND day < $2::date
   AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR source = $4)
   AND ($5::text IS NULL OR region = $5) AND ($6::text IS NULL OR segment = $6)
   AND ($7::text IS NULL OR product = $7)
