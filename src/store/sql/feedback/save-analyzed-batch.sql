-- Stores a batch of analysed items in ONE statement (one transaction): the feedback rows, and for
-- the rows actually inserted only, their aspects, tally and daily increments and pending alerts.
-- A retried or concurrent batch finds its items stored (ON CONFLICT DO NOTHING) and counts nothing
-- twice. Keys are written in sorted order so concurrent batches take row locks in the same order.
-- The batch comes as parallel arrays (one per column; cheaper for the server to read than JSON):
--   $1–$17   the items: position in the batch, then the feedback columns
--   $18–$21  their aspects: item position, topic, polarity, evidence (in the item's order)
--   $22–$26  their alert hits: item position, rule, severity, keyword, evidence
--   $27      time zone of `day` (the posted date; today where an item has no posted_at)
--   $28      jsonb: hours from now to an alert's deadline, per severity
--   $29–$32  the items' product, nps, csat and ces (same positions as $1)
--   $33      hours after posting beyond which an alert is `stale`, not sent (0: never)
WITH input AS (
  SELECT DISTINCT ON (x.source, x.external_id) x.*
    FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::smallint[], $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[],
                $14::jsonb[], $15::text[], $16::real[], $17::text[],
                $29::text[], $30::smallint[], $31::smallint[], $32::smallint[])
         AS x(ord, channel, source, external_id, content_hash, text, author,
              rating, posted_at, url, region, segment, order_id,
              meta, sentiment_label, sentiment_score, import_id,
              product, nps, csat, ces)
   ORDER BY x.source, x.external_id
),
aspect_input AS (
  SELECT * FROM unnest($18::int[], $19::text[], $20::text[], $21::text[]) WITH ORDINALITY AS a(item, topic, polarity, evidence, n)
),
alert_input AS (
  SELECT * FROM unnest($22::int[], $23::text[], $24::text[], $25::text[], $26::text[]) WITH ORDINALITY AS a(item, rule, severity, keyword, evidence, n)
),
inserted AS (
  INSERT INTO feedback (channel, source, external_id, content_hash, text, author, rating, posted_at,
                        url, region, segment, order_id, meta, sentiment_label, sentiment_score,
                        analyzed_at, import_id,
                        product, nps, csat, ces, day)
  SELECT channel, source, external_id, content_hash, text, author, rating, posted_at,
         url, region, segment, order_id, coalesce(meta, '{}'::jsonb), sentiment_label, sentiment_score,
         now(), import_id,
         product, nps, csat, ces, (coalesce(posted_at, now()) AT TIME ZONE $27)::date
    FROM input
   ORDER BY source, external_id
  ON CONFLICT (source, external_id) DO NOTHING
  RETURNING id, source, external_id
),
fresh AS (
  SELECT f.id, i.ord, i.channel, i.source,
         coalesce(i.region, '') AS region, coalesce(i.segment, '') AS segment,
         coalesce(i.product, '') AS product,
         (coalesce(i.posted_at, now()) AT TIME ZONE $27)::date AS day,
         i.sentiment_label, i.posted_at
    FROM inserted f
    JOIN input i ON i.source = f.source AND i.external_id = f.external_id
),
aspect_rows AS (
  SELECT fr.id, fr.day, fr.channel, fr.source, fr.region, fr.segment, fr.product,
         row_number() OVER (PARTITION BY fr.id ORDER BY a.n) AS ord, a.topic, a.polarity, a.evidence
    FROM fresh fr
    JOIN aspect_input a ON a.item = fr.ord
),
saved_aspects AS (
  INSERT INTO feedback_aspects (feedback_id, ordinal, topic, polarity, evidence)
  SELECT id, ord - 1, topic, polarity, evidence FROM aspect_rows
  RETURNING 1
),
-- An item counts once per (topic, polarity), however many of its clauses say it.
saved_tallies AS (
  INSERT INTO pain_point_tallies AS t (day, channel, source, topic, polarity, region, segment, product, mentions)
  SELECT day, channel, source, topic, polarity, region, segment, product, count(DISTINCT id)
    FROM aspect_rows
   GROUP BY day, channel, source, topic, polarity, region, segment, product
   ORDER BY day, channel, source, topic, polarity, region, segment, product
  ON CONFLICT (day, channel, source, topic, polarity, region, segment, product)
  DO UPDATE SET mentions = t.mentions + EXCLUDED.mentions
  RETURNING 1
),
saved_daily AS (
  INSERT INTO feedback_daily AS d (day, channel, source, region, segment, product, items, negative_items)
  SELECT day, channel, source, region, segment, product, count(*), count(*) FILTER (WHERE sentiment_label = 'negative')
    FROM fresh
   GROUP BY day, channel, source, region, segment, product
   ORDER BY day, channel, source, region, segment, product
  ON CONFLICT (day, channel, source, region, segment, product)
  DO UPDATE SET items = d.items + EXCLUDED.items, negative_items = d.negative_items + EXCLUDED.negative_items
  RETURNING 1
),
-- One alert per (item, rule): the first hit of a rule carries the keyword and evidence.
saved_alerts AS (
  INSERT INTO alerts (feedback_id, rule, severity, keyword, evidence, due_at, status)
  SELECT DISTINCT ON (fr.id, a.rule)
         fr.id, a.rule, a.severity, a.keyword, a.evidence,
         now() + (($28::jsonb ->> a.severity)::float8 * interval '1 hour'),
         CASE WHEN $33::float8 > 0 AND fr.posted_at < now() - $33::float8 * interval '1 hour' THEN 'stale' ELSE 'pending' END
    FROM fresh fr
    JOIN alert_input a ON a.item = fr.ord
   ORDER BY fr.id, a.rule, a.n
  ON CONFLICT (feedback_id, rule) DO NOTHING
  RETURNING id, status
)
SELECT (SELECT count(*) FROM inserted)::int AS stored,
       (SELECT count(*) FROM saved_aspects)::int AS aspects,
       (SELECT count(*) FROM saved_tallies)::int AS tally_rows,
       (SELECT count(*) FROM saved_daily)::int AS daily_rows,
       coalesce((SELECT array_agg(id::text ORDER BY id) FROM saved_alerts WHERE status = 'pending'), '{}') AS alert_ids,
       (SELECT count(*) FROM saved_alerts WHERE status = 'stale')::int AS stale_alerts
