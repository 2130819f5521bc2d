-- Views for analysts (names are a public contract: dashboards and scripts read them).
-- All are plain SQL over the tallies; filter them by period, channel or source as needed.

-- The heatmap: each topic's share of the negative mentions of an ISO week (Monday-based).
-- share = this topic's negative mentions / all topics' negative mentions that week;
-- per_item = negative mentions / items that week (how many items in a hundred complain of it).
CREATE VIEW pain_point_share AS
WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, topic, sum(mentions)::bigint AS negative_mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative'
   GROUP BY 1, 2
),
weekly_items AS (
  SELECT date_trunc('week', day)::date AS week, sum(items)::bigint AS items, sum(negative_items)::bigint AS negative_items
    FROM feedback_daily
   GROUP BY 1
)
SELECT w.week,
       to_char(w.week, 'IYYY-"W"IW') AS iso_week,
       w.topic,
       w.negative_mentions,
       sum(w.negative_mentions) OVER (PARTITION BY w.week)::bigint AS week_negative_mentions,
       round(w.negative_mentions::numeric / nullif(sum(w.negative_mentions) OVER (PARTITION BY w.week), 0), 4) AS share,
       coalesce(i.items, 0) AS week_items,
       round(w.negative_mentions::numeric / nullif(i.items, 0), 4) AS per_item
  FROM weekly w
  LEFT JOIN weekly_items i USING (week);

-- Daily series per topic and polarity, with the day's item count beside it.
CREATE VIEW pain_point_trend AS
WITH daily_items AS (
  SELECT day, sum(items)::bigint AS items, sum(negative_items)::bigint AS negative_items
    FROM feedback_daily
   GROUP BY day
)
SELECT t.day, t.topic, t.polarity,
       sum(t.mentions)::bigint AS mentions,
       coalesce(d.items, 0) AS items,
       round(sum(t.mentions)::numeric / nullif(d.items, 0), 4) AS per_item
  FROM pain_point_tallies t
  LEFT JOIN daily_items d USING (day)
 GROUP BY t.day, t.topic, t.polarity, d.items;

-- Negative mentions per week, region and topic, against the region's items ('' = no region given):
-- where a pain point concentrates (a warehouse, a courier partner, a city).
CREATE VIEW pain_point_by_region AS
WITH weekly AS (
  SELECT date_trunc('week', day)::date AS week, region, topic, sum(mentions)::bigint AS negative_mentions
    FROM pain_point_tallies
   WHERE polarity = 'negative'
   GROUP BY 1, 2, 3
),
region_items AS (
  SELECT date_trunc('week', day)::date AS week, region, sum(items)::bigint AS items
    FROM feedback_daily
   GROUP BY 1, 2
)
SELECT w.week, w.region, w.topic, w.negative_mentions,
       coalesce(r.items, 0) AS region_items,
       round(w.negative_mentions::numeric / nullif(r.items, 0), 4) AS per_item
  FROM weekly w
  LEFT JOIN region_items r USING (week, region);

-- The same by channel and source: which platform or shop the complaints come from.
CREATE VIEW pain_point_by_source AS
SELECT date_trunc('week', t.day)::date AS week, t.channel, t.source, t.topic,
       coalesce(sum(t.mentions) FILTER (WHERE t.polarity = 'negative'), 0)::bigint AS negative_mentions,
       coalesce(sum(t.mentions) FILTER (WHERE t.polarity = 'positive'), 0)::bigint AS positive_mentions
  FROM pain_point_tallies t
 GROUP BY 1, 2, 3, 4;
