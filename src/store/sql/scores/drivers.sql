-- Drivers: survey answers in [$1, $2) among the items that mention each topic negatively, and
-- (topic '') among all answered items. $3–$7: channel, source, region, segment, product filters.
WITH scored AS (
  SELECT id, nps, csat
    FROM feedback
   WHERE day >= $1::date AND day < $2::date
     AND (nps IS NOT NULL OR csat IS NOT NULL)
     AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR source = $4)
     AND ($5::text IS NULL OR coalesce(region, '') = $5) AND ($6::text IS NULL OR coalesce(segment, '') = $6)
     AND ($7::text IS NULL OR coalesce(product, '') = $7)
),
negative AS (
  SELECT DISTINCT a.feedback_id AS id, a.topic
    FROM feedback_aspects a
    JOIN scored s ON s.id = a.feedback_id
   WHERE a.polarity = 'negative'
),
tagged AS (
  SELECT n.topic, s.nps, s.csat FROM negative n JOIN scored s USING (id)
  UNION ALL
  SELECT '' AS topic, nps, csat FROM scored
)
SELECT topic,
       count(*) FILTER (WHERE nps >= 9)::int            AS promoters,
       count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE nps <= 6)::int            AS detractors,
       count(csat)::int                                 AS csat_n,
       coalesce(sum(csat), 0)::int                      AS csat_sum,
       coalesce(sum(csat * csat), 0)::int               AS csat_sum_squares
  FROM tagged
 GROUP BY topic
 ORDER BY topic
