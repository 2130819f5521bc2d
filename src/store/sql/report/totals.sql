-- Items and negative items in the period [$1, $2) and in the previous one [$3, $1).
SELECT coalesce(sum(items) FILTER (WHERE day >= $1::date), 0)::bigint AS items,
       coalesce(sum(negative_items) FILTER (WHERE day >= $1::date), 0)::bigint AS negative_items,
       coalesce(sum(items) FILTER (WHERE day < $1::date), 0)::bigint AS previous_items,
       coalesce(sum(negative_items) FILTER (WHERE day < $1::date), 0)::bigint AS previous_negative_items
  FROM feedback_daily
 WHERE day >= $3::date AND day < $2::date
