-- Recurrence (问题复发): a case recurs when the same author or the same order complained about the
-- same topic in the 30 days before it: a negative aspect topic both items share, or the same keyword
-- rule (negative_feedback alone is no topic). $1: the cases just opened. An item imported late can
-- be the earlier complaint of a case stored before it, so pairs are ordered by the items' own times
-- (posted_at, else when stored) and whichever case is the later one is marked.
WITH fresh AS (
  SELECT a.id, a.rule, a.feedback_id, f.author, f.order_id, coalesce(f.posted_at, f.created_at) AS at
    FROM alerts a
    JOIN feedback f ON f.id = a.feedback_id
   WHERE a.id = ANY($1::bigint[])
),
neighbours AS (
  SELECT fr.*, o.id AS feedback_other FROM fresh fr
    JOIN feedback o ON o.author = fr.author AND o.id <> fr.feedback_id
   WHERE fr.author IS NOT NULL AND fr.author <> ''
  UNION
  SELECT fr.*, o.id FROM fresh fr
    JOIN feedback o ON o.order_id = fr.order_id AND o.id <> fr.feedback_id
   WHERE fr.order_id IS NOT NULL AND fr.order_id <> ''
),
related AS (
  SELECT n.id AS fresh_id, n.at AS fresh_at, oa.id AS other_id, coalesce(o.posted_at, o.created_at) AS other_at
    FROM neighbours n
    JOIN feedback o ON o.id = n.feedback_other
    JOIN alerts oa ON oa.feedback_id = o.id
   WHERE coalesce(o.posted_at, o.created_at) BETWEEN n.at - interval '30 days' AND n.at + interval '30 days'
     AND ((oa.rule = n.rule AND n.rule <> 'negative_feedback')
          OR EXISTS (SELECT 1 FROM feedback_aspects x
                       JOIN feedback_aspects y ON y.topic = x.topic AND y.polarity = 'negative'
                      WHERE x.feedback_id = n.feedback_id AND x.polarity = 'negative' AND y.feedback_id = o.id))
),
pairs AS (
  SELECT CASE WHEN (other_at, other_id) < (fresh_at, fresh_id) THEN fresh_id ELSE other_id END AS later_id,
         CASE WHEN (other_at, other_id) < (fresh_at, fresh_id) THEN other_id ELSE fresh_id END AS earlier_id,
         least(other_at, fresh_at) AS earlier_at
    FROM related
),
latest_earlier AS (
  SELECT DISTINCT ON (later_id) later_id, earlier_id FROM pairs ORDER BY later_id, earlier_at DESC, earlier_id DESC
)
UPDATE alerts a
   SET recurred = true, recurrence_of = l.earlier_id
  FROM latest_earlier l
 WHERE a.id = l.later_id AND NOT a.recurred
RETURNING a.id
