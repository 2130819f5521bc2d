-- Survey answers per day and slice in [$1, $2), with the sums intervals need.
-- $3–$7: channel, source, region, segment, product filters (null = any).
SELECT day::text AS day, channel, source,
       coalesce(region, '') AS region, coalesce(segment, '') AS segment, coalesce(product, '') AS product,
       count(*) FILTER (WHERE nps >= 9)::int              AS promoters,
       count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::int   AS passives,
       count(*) FILTER (WHERE nps <= 6)::int              AS detractors,
       count(csat)::int                                   AS csat_n,
       coalesce(sum(csat), 0)::int                        AS csat_sum,
       coalesce(sum(csat * csat), 0)::int                 AS csat_sum_squares,
       count(*) FILTER (WHERE csat >= 4)::int             AS csat_satisfied,
       count(ces)::int                                    AS ces_n,
       coalesce(sum(ces), 0)::int                         AS ces_sum,
       coalesce(sum(ces * ces), 0)::int                   AS ces_sum_squares
  FROM feedback
 WHERE day >= $1::date AND day < $2::date
   AND (nps IS NOT NULL OR csat IS NOT NULL OR ces IS NOT NULL)
   AND ($3::text IS NULL OR channel = $3) AND ($4::text IS NULL OR source = $4)
   AND ($5::text IS NULL OR coalesce(region, '') = $5) AND ($6::text IS NULL OR coalesce(segment, '') = $6)
   AND ($7::text IS NULL OR coalesce(product, '') = $7)
 GROUP BY 1, 2, 3, 4, 5, 6
 ORDER BY 1, 2, 3, 4, 5, 6
