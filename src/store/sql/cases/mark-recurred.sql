-- Recurrence (问题复发): a case recurs when the same author or the same order complained about the
-- same topic in the 30 days before it: a negative aspect topic both items share, or the same keyword
-- rule (negative_feedback alone is no topic). $1: the cases just opened. An item imported late can
-- be the earlier complaint of a case stored before it, so pairs are ordered by the items' own times
-- (posted_at, else when stored) and whichever case is the later one is marked.
-- Each case looks up its author's and order's other items through the indexes (LATERAL): the cost
-- follows the customers in the batch, not the size of the feedback table. An item by the same
-- author on the same order comes up twice; DISTINCT ON keeps one pair.
WITH fresh AS MATERIALIZED (
  SELECT a.id, a.rule, a.feedback_id, f.author, f.order_id, coalesce(f.posted_at, f.created_at) AS at,
         ARRAY(SELECT x.topic FROM feedback_aspects x WHERE x.feedback_id = f.id AND x.polarity = 'negative') AS topics
    FROM unnest($1::bigint[]) AS ids (id)
    JOIN alerts a ON a.id = ids.id
    JOIN feedback f ON f.id = a.feedback_id
   WHERE (f.author IS NOT NULL AND f.author <> '') OR (f.order_id IS NOT NULL AND f.order_id <> '')
),
related AS (
  SELECT fr.id AS fresh_id, fr.at AS fresh_at, oa.id AS other_id, n.at AS other_at
    FROM fresh fr
    CROSS JOIN LATERAL (
      SELECT o.id, coalesce(o.posted_at, o.created_at) AS at
        FROM feedback o
       WHERE o.author IS NOT NULL AND o.author = fr.author AND o.id <> fr.feedback_id AND fr.author <> ''
      UNION ALL
      SELECT o.id, coalesce(o.posted_at, o.created_at)
        FROM feedback o
       WHERE o.order_id IS NOT NULL AND o.order_id = fr.order_id AND o.id <> fr.feedback_id AND fr.order_id <> ''
    ) n
    JOIN alerts oa ON oa.feedback_id = n.id
   WHERE n.at BETWEEN fr.at - interval '30 days' AND fr.at + interval '30 days'
     AND ((oa.rule = fr.rule AND fr.rule <> 'negative_feedback')
          -- per pair, through the aspects' primary key (an EXISTS here may be planned as a hash of
          -- every negative aspect pair in the table)
          OR fr.topics && ARRAY(SELECT y.topic FROM feedback_aspects y WHERE y.feedback_id = n.id AND y.polarity = 'negative'))
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
