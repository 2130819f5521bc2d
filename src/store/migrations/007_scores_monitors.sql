-- Experience scores (NPS, CSAT, CES), the product as a dimension of the tallies, and the findings of
-- metric monitors. Names fixed: experience_scores, pain_point_by_segment, pain_point_by_product,
-- metric_alerts.

-- Survey scores as imported; `rating` (stars) stays as it was. `day` is the tally day of the item
-- (posted date in pipeline.timeZone), so that weekly scores and tallies cut the weeks alike.
ALTER TABLE feedback
  ADD COLUMN nps      smallint CHECK (nps BETWEEN 0 AND 10),
  ADD COLUMN csat     smallint CHECK (csat BETWEEN 1 AND 5),
  ADD COLUMN ces      smallint CHECK (ces BETWEEN 1 AND 5),   -- 5 = easiest
  ADD COLUMN product  text,
  ADD COLUMN day      date;
-- Rows stored before this migration: the default zone, as the tallies used.
UPDATE feedback SET day = (coalesce(posted_at, created_at) AT TIME ZONE 'Asia/Shanghai')::date WHERE day IS NULL;
CREATE INDEX feedback_day_idx ON feedback (day);

-- product joins the tallies' keys ('' where none, like region and segment).
ALTER TABLE pain_point_tallies ADD COLUMN product text NOT NULL DEFAULT '';
ALTER TABLE pain_point_tallies DROP CONSTRAINT pain_point_tallies_pkey,
  ADD PRIMARY KEY (day, channel, source, topic, polarity, region, segment, product);
ALTER TABLE feedback_daily ADD COLUMN product text NOT NULL DEFAULT '';
ALTER TABLE feedback_daily DROP CONSTRAINT feedback_daily_pkey,
  ADD PRIMARY KEY (day, channel, source, region, segment, product);

-- One row per week (Monday of the item's day), channel, source, region, segment and product.
-- nps = 100 × (promoters − detractors) / responses (−100…100); csat_satisfied_pct = share of 4–5.
CREATE VIEW experience_scores AS
SELECT date_trunc('week', day)::date AS week,
       channel, source,
       coalesce(region, '') AS region, coalesce(segment, '') AS segment, coalesce(product, '') AS product,
       count(nps)::int                                       AS nps_responses,
       count(*) FILTER (WHERE nps >= 9)::int                 AS promoters,
       count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::int      AS passives,
       count(*) FILTER (WHERE nps <= 6)::int                 AS detractors,
       round(100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / nullif(count(nps), 0), 2) AS nps,
       count(csat)::int                                      AS csat_responses,
       round(avg(csat), 4)                                   AS csat_mean,
       round(100.0 * count(*) FILTER (WHERE csat >= 4) / nullif(count(csat), 0), 2) AS csat_satisfied_pct,
       count(ces)::int                                       AS ces_responses,
       round(avg(ces), 4)                                    AS ces_mean,
       -- sums of squares, so that intervals can be computed from the view alone
       sum(csat * csat)::bigint                              AS csat_sum_squares,
       sum(ces * ces)::bigint                                AS ces_sum_squares
  FROM feedback
 WHERE nps IS NOT NULL OR csat IS NOT NULL OR ces IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6;

-- Negative mentions per week, segment (new / returning / VIP) and topic, against the segment's items.
CREATE VIEW pain_point_by_segment AS
WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, segment, topic, sum(mentions)::bigint AS negative_mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative'
   GROUP BY 1, 2, 3
),
segment_items AS (
  SELECT date_trunc('week', day)::date AS week, segment, sum(items)::bigint AS items
    FROM feedback_daily
   GROUP BY 1, 2
)
SELECT w.week, w.segment, w.topic, w.negative_mentions,
       coalesce(s.items, 0) AS segment_items,
       round(w.negative_mentions::numeric / nullif(s.items, 0), 4) AS per_item
  FROM weekly w
  LEFT JOIN segment_items s USING (week, segment);

-- The same by product or SKU: which product the complaints are about.
CREATE VIEW pain_point_by_product AS
WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, product, topic, sum(mentions)::bigint AS negative_mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative'
   GROUP BY 1, 2, 3
),
product_items AS (
  SELECT date_trunc('week', day)::date AS week, product, sum(items)::bigint AS items
    FROM feedback_daily
   GROUP BY 1, 2
)
SELECT w.week, w.product, w.topic, w.negative_mentions,
       coalesce(p.items, 0) AS product_items,
       round(w.negative_mentions::numeric / nullif(p.items, 0), 4) AS per_item
  FROM weekly w
  LEFT JOIN product_items p USING (week, product);

-- What metric monitors found: one row per (monitor, topic, scope, window), so a second check of the
-- same window raises nothing again. topic is '' for score metrics; scope is the slice, e.g.
-- {"region": "华南"} ({} for the whole). detail holds the interval, contributing slices and evidence.
CREATE TABLE metric_alerts (
  id            bigserial PRIMARY KEY,
  monitor       text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('threshold', 'relative', 'target')),
  metric        text NOT NULL,
  topic         text NOT NULL DEFAULT '',
  scope         jsonb NOT NULL DEFAULT '{}'::jsonb,
  window_from   date NOT NULL,
  window_to     date NOT NULL,                 -- exclusive
  value         double precision,
  baseline      double precision,
  p_value       double precision,
  n             integer NOT NULL,
  detail        jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- suppressed: within the monitor's cool-down after an earlier finding of the same slice;
  -- unrouted: no endpoint receives metrics.
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'delivered', 'failed', 'suppressed', 'unrouted')),
  targets       text[],
  delivered_to  text[] NOT NULL DEFAULT '{}',
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz,
  UNIQUE (monitor, topic, scope, window_from, window_to)
);
CREATE INDEX metric_alerts_monitor_idx ON metric_alerts (monitor, created_at);
