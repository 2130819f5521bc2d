-- Items and negative items in the period [$1, $2) and in the previous one [$3, $1).
-- $4–$8: channel, source, region, segment, product filters (null = any).
SELECT coalesce(sum(items) FILTER (WHERE day >= $1::date), 0)::bigint AS items,
       coalesce(sum(negative_items) FILTER (WHERE day >= $1::date), 0)::bigint AS negative_items,
       coalesce(sum(items) FILTER (WHERE day < $1::date), 0)::bigint AS previous_items,
       coalesce(sum(negative_items) FILTER (WHERE day < $1::date), 0)::bigint AS previous_negative_items
  FROM feedback_daily
 WHERE day >= $3::date AND day < $2::date
   AND ($4::text IS NULL OR channel = $4) AND ($5::text IS NULL OR source = $5)
   AND ($6::text IS NULL OR region = $6) AND ($7::text IS NULL OR segment = $7)
   AND ($8::text IS NULL OR product = $8)
