-- Evidence of a finding, in [$1, $2) and its slice ($3–$7: channel, source, region, segment,
-- product; null = any): with a topic ($8), its most negative clauses; for a score ($9: nps, csat or
-- ces), the words of the lowest-scored items. At most $10, most negative first.
SELECT f.id AS feedback_id, f.channel, f.source, f.region, f.product,
       coalesce(a.evidence, left(f.text, 160)) AS evidence
  FROM feedback f
  LEFT JOIN LATERAL (
    SELECT x.evidence FROM feedback_aspects x
     WHERE x.feedback_id = f.id AND x.polarity = 'negative' AND ($8::text IS NULL OR x.topic = $8)
     ORDER BY x.ordinal LIMIT 1
  ) a ON true
 WHERE f.day >= $1::date AND f.day < $2::date
   AND ($3::text IS NULL OR f.channel = $3) AND ($4::text IS NULL OR f.source = $4)
   AND ($5::text IS NULL OR coalesce(f.region, '') = $5) AND ($6::text IS NULL OR coalesce(f.segment, '') = $6)
   AND ($7::text IS NULL OR coalesce(f.product, '') = $7)
   AND ($8::text IS NULL OR a.evidence IS NOT NULL)
   AND ($9::text IS NULL OR CASE $9 WHEN 'nps' THEN f.nps WHEN 'csat' THEN f.csat ELSE f.ces END IS NOT NULL)
 ORDER BY CASE $9 WHEN 'nps' THEN f.nps WHEN 'csat' THEN f.csat WHEN 'ces' THEN f.ces END NULLS LAST,
          f.sentiment_score NULLS LAST, f.id
 LIMIT $10
