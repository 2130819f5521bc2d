-- The bi-weekly improvement list (体验改进清单): every topic with negative mentions in the last
-- $2 days up to $1 (inclusive), with what ranks it:
--   negative_mentions  items with a negative mention of the topic in the window (= negative rate × items)
--   items              items in the window; negative_rate = negative_mentions / items
--   severity_weight    heaviest alert raised on those items: critical 4, high 3, medium 2, else 1
--   trend              this window's rate against the previous window's, (m+1)/(n+1) each, within [0.25, 4]
--   score              negative_rate × items × severity_weight × trend
-- Open improvements (planned, active) come with their topic, which is listed even when the window
-- has no complaints about it any more (score 0).
WITH bounds AS (
  SELECT $1::date - ($2::int - 1) AS from_day, $1::date AS to_day, $1::date - (2 * $2::int - 1) AS prev_from
),
items AS (
  SELECT coalesce(sum(d.items) FILTER (WHERE d.day >= b.from_day), 0)::bigint AS items,
         coalesce(sum(d.items) FILTER (WHERE d.day < b.from_day), 0)::bigint AS prev_items
    FROM bounds b
    LEFT JOIN feedback_daily d ON d.day BETWEEN b.prev_from AND b.to_day
),
tallied AS (
  SELECT t.topic,
         coalesce(sum(t.mentions) FILTER (WHERE t.day >= b.from_day), 0)::bigint AS negative_mentions,
         coalesce(sum(t.mentions) FILTER (WHERE t.day < b.from_day), 0)::bigint AS prev_mentions
    FROM bounds b
    JOIN pain_point_tallies t ON t.polarity = 'negative' AND t.day BETWEEN b.prev_from AND b.to_day
   GROUP BY t.topic
),
topics AS (
  SELECT * FROM tallied
  UNION ALL
  SELECT DISTINCT im.topic, 0::bigint, 0::bigint
    FROM improvements im
   WHERE im.status IN ('planned', 'active') AND im.topic NOT IN (SELECT topic FROM tallied)
),
weights AS (
  SELECT fa.topic,
         max(CASE a.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) AS severity_weight
    FROM bounds b
    JOIN feedback f ON (coalesce(f.posted_at, f.created_at) AT TIME ZONE $3)::date BETWEEN b.from_day AND b.to_day
    JOIN feedback_aspects fa ON fa.feedback_id = f.id AND fa.polarity = 'negative'
    JOIN alerts a ON a.feedback_id = f.id
   GROUP BY fa.topic
),
ranked AS (
  SELECT tp.topic, tp.negative_mentions, i.items, tp.prev_mentions, i.prev_items,
         tp.negative_mentions::float8 / nullif(i.items, 0) AS negative_rate,
         coalesce(w.severity_weight, 1) AS severity_weight,
         greatest(0.25, least(4, ((tp.negative_mentions + 1)::float8 / (i.items + 1)) / ((tp.prev_mentions + 1)::float8 / (i.prev_items + 1)))) AS trend
    FROM topics tp
    CROSS JOIN items i
    LEFT JOIN weights w ON w.topic = tp.topic
   WHERE tp.negative_mentions > 0 OR EXISTS (SELECT 1 FROM improvements im WHERE im.topic = tp.topic AND im.status IN ('planned', 'active'))
)
SELECT r.topic, r.negative_mentions, r.items, r.prev_mentions, r.prev_items, r.negative_rate, r.severity_weight, r.trend,
       coalesce(r.negative_rate, 0) * r.items * r.severity_weight * r.trend AS score,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', im.id, 'action', im.action, 'status', im.status, 'verdict', e.verdict, 'effect', e.effect) ORDER BY im.id)
                   FROM improvements im LEFT JOIN improvement_effect e ON e.improvement_id = im.id
                  WHERE im.topic = r.topic AND im.status IN ('planned', 'active')), '[]'::jsonb) AS improvements
  FROM ranked r
 ORDER BY score DESC, r.topic
