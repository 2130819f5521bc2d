-- Stores a batch of analysed items in ONE statement (one transaction): the feedback rows, and for
-- the rows actually inserted only, their aspects, tally and daily increments and pending alerts.
-- A retried or concurrent batch finds its items stored (ON CONFLICT DO NOTHING) and counts nothing
-- twice. Keys are written in sorted order so concurrent batches take row locks in the same order.
-- The batch comes as parallel arrays, one per column, described in src/store/feedback-batch.ts,
-- which numbers the parameters: the markers below stand for them.
--   :items, :aspects, :alerts    the arrays of each group (:items.names and so on: its column names);
--                                aspects and alert hits point at their item by its position (ord);
--                                an aspect brings its ordinal and whether the tally counts it
--   :time_zone                   zone of `day` (the posted date; today where an item has no posted_at)
--   :deadline_hours              jsonb, hours from now to an alert's deadline, per severity
--   :max_age_hours               hours after posting beyond which an alert is `stale`, not sent (0 never)
WITH input AS (
  SELECT DISTINCT ON (x.source, x.external_id) x.*
    FROM unnest(:items) AS x(:items.names)
   ORDER BY x.source, x.external_id
),
aspect_input AS (
  SELECT * FROM unnest(:aspects) AS a(:aspects.names)
),
alert_input AS (
  SELECT * FROM unnest(:alerts) WITH ORDINALITY AS a(:alerts.names, n)
),
inserted AS (
  INSERT INTO feedback (channel, source, external_id, content_hash, text, author, rating, posted_at,
                        url, region, segment, order_id, meta, sentiment_label, sentiment_score,
                        analyzed_at, import_id,
                        product, nps, csat, ces, day)
  SELECT channel, source, external_id, content_hash, text, author, rating, posted_at,
         url, region, segment, order_id, coalesce(meta, '{}'::jsonb), sentiment_label, sentiment_score,
         now(), import_id,
         product, nps, csat, ces, (coalesce(posted_at, now()) AT TIME ZONE :time_zone)::date
    FROM input
   ORDER BY source, external_id
  ON CONFLICT (source, external_id) DO NOTHING
  RETURNING id, source, external_id
),
fresh AS (
  SELECT f.id, i.ord, i.channel, i.source,
         coalesce(i.region, '') AS region, coalesce(i.segment, '') AS segment,
         coalesce(i.product, '') AS product,
         (coalesce(i.posted_at, now()) AT TIME ZONE :time_zone)::date AS day,
         i.sentiment_label, i.posted_at
    FROM inserted f
    JOIN input i ON i.source = f.source AND i.external_id = f.external_id
),
aspect_rows AS (
  SELECT fr.id, fr.day, fr.channel, fr.source, fr.region, fr.segment, fr.product,
         a.ordinal, a.topic, a.polarity, a.evidence, a.counted
    FROM fresh fr
    JOIN aspect_input a ON a.item = fr.ord
),
saved_aspects AS (
  INSERT INTO feedback_aspects (feedback_id, ordinal, topic, polarity, evidence)
  SELECT id, ordinal, topic, polarity, evidence FROM aspect_rows
  RETURNING 1
),
-- An item counts once per (topic, polarity), however many of its clauses say it: only its first
-- aspect of the pair is `counted` (marked in feedback-batch.ts, from the item's aspects in order).
saved_tallies AS (
  INSERT INTO pain_point_tallies AS t (day, channel, source, topic, polarity, region, segment, product, mentions)
  SELECT day, channel, source, topic, polarity, region, segment, product, count(*)
    FROM aspect_rows
   WHERE counted
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
         now() + ((:deadline_hours ->> a.severity)::float8 * interval '1 hour'),
         CASE WHEN :max_age_hours > 0 AND fr.posted_at < now() - :max_age_hours * interval '1 hour' THEN 'stale' ELSE 'pending' END
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
