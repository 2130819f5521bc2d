-- The clauses that carry one topic ($1), newest item first, with their item. Day bounds [$3, $4)
-- are dates in zone $5, the same day the tallies use (posted date, else the date it was stored).
-- Optional: polarity $2, slice dimension $6 = $7, a substring $8 of the clause; page $9 from $10.
SELECT a.feedback_id, a.ordinal, a.polarity, a.evidence,
       f.channel, f.source, f.posted_at, f.rating, f.url, f.region, f.segment, f.product,
       count(*) OVER () AS total
  FROM feedback_aspects a
  JOIN feedback f ON f.id = a.feedback_id
 WHERE a.topic = $1
   AND ($2::text IS NULL OR a.polarity = $2)
   AND (coalesce(f.posted_at, f.created_at) AT TIME ZONE $5)::date >= $3::date
   AND (coalesce(f.posted_at, f.created_at) AT TIME ZONE $5)::date < $4::date
   AND ($7::text IS NULL OR CASE $6 WHEN 'region' THEN coalesce(f.region, '') WHEN 'channel' THEN f.channel
                                    WHEN 'source' THEN f.source WHEN 'segment' THEN coalesce(f.segment, '')
                                    WHEN 'product' THEN coalesce(f.product, '') END = $7)
   AND ($8::text IS NULL OR strpos(a.evidence, $8) > 0)
 ORDER BY coalesce(f.posted_at, f.created_at) DESC, a.feedback_id DESC, a.ordinal
 LIMIT $9 OFFSET $10
