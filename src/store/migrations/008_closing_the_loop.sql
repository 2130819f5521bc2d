-- Closing the loop: who handles a case and what it cost, root causes (5-Why, fishbone), improvements
-- and whether they worked (improvement_effect), and alert_sla's deadline, compensation and
-- recurrence figures. Table, view and column names are a public contract (dashboards read them).

-- Root causes: the 5-Why chain as an ordered list; category is the fishbone bone
-- (人 people, 机 machine, 料 material, 法 method, 环 environment, 测 measurement).
CREATE TABLE root_causes (
  id          bigserial PRIMARY KEY,
  topic       text NOT NULL,
  scope       jsonb NOT NULL DEFAULT '{}'::jsonb,   -- {"region": ["华南"]}: where it was found
  whys        text[] NOT NULL CHECK (cardinality(whys) >= 1),
  category    text CHECK (category IN ('人', '机', '料', '法', '环', '测')),
  owner       text,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX root_causes_topic_idx ON root_causes (topic);

-- Improvements: an action on a topic from a start date, tried in a pilot scope and, where one is
-- named, measured against a control scope. Scopes are {"key": [values]} over feedback's channel,
-- source, region and segment.
CREATE TABLE improvements (
  id             bigserial PRIMARY KEY,
  topic          text NOT NULL,
  action         text NOT NULL,
  owner          text,
  start_date     date NOT NULL,
  pilot_scope    jsonb NOT NULL DEFAULT '{}'::jsonb,
  control_scope  jsonb,
  root_cause_id  bigint REFERENCES root_causes (id) ON DELETE SET NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'done', 'abandoned')),
  note           text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX improvements_topic_idx ON improvements (topic, start_date);

-- Cases: the assignee, the compensation given, the root cause named on resolving, recurrence, and
-- the working hours (mainland calendar, configured working hours) to answer and to close.
ALTER TABLE alerts
  ADD COLUMN assignee              text,
  ADD COLUMN compensation_kind     text CHECK (compensation_kind IN ('免单', '退一赔三', '补发', '券', '退款', 'other')),
  ADD COLUMN compensation_amount   numeric(12, 2) CHECK (compensation_amount >= 0),
  ADD COLUMN root_cause_id         bigint REFERENCES root_causes (id) ON DELETE SET NULL,
  ADD COLUMN recurred              boolean NOT NULL DEFAULT false,
  ADD COLUMN recurrence_of         bigint REFERENCES alerts (id) ON DELETE SET NULL,
  ADD COLUMN ack_working_hours     real,
  ADD COLUMN resolve_working_hours real,
  ADD COLUMN resolution_dispatched_at timestamptz; -- the resolution webhook was enqueued (the outbox)
-- Cases resolved before this migration owe no resolution webhook.
UPDATE alerts SET resolution_dispatched_at = resolved_at WHERE resolved_at IS NOT NULL;
CREATE INDEX alerts_resolution_outbox_idx ON alerts (resolved_at) WHERE resolved_at IS NOT NULL AND resolution_dispatched_at IS NULL;
CREATE INDEX alerts_root_cause_idx ON alerts (root_cause_id) WHERE root_cause_id IS NOT NULL;
-- Recurrence looks for the same author or order within 30 days.
CREATE INDEX feedback_author_idx ON feedback (author, posted_at) WHERE author IS NOT NULL;
CREATE INDEX feedback_order_idx ON feedback (order_id, posted_at) WHERE order_id IS NOT NULL;

-- The resolution webhook is logged like any delivery. The kinds allowed so far are kept as they are
-- (whatever earlier migrations added) and 'resolution' joins them.
DO $$
DECLARE
  kinds text[];
BEGIN
  SELECT array_agg(DISTINCT m[1]) INTO kinds
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
   WHERE c.conrelid = 'alert_deliveries'::regclass AND c.conname = 'alert_deliveries_kind_check';
  IF kinds IS NOT NULL AND NOT 'resolution' = ANY (kinds) THEN
    ALTER TABLE alert_deliveries DROP CONSTRAINT alert_deliveries_kind_check;
    EXECUTE format('ALTER TABLE alert_deliveries ADD CONSTRAINT alert_deliveries_kind_check CHECK (kind = ANY (%L::text[]))', array_append(kinds, 'resolution'));
  END IF;
END $$;

-- Case handling per rule and week. The columns of 003 stay as they were, in their order; added:
--   answered_within_deadline(_rate): acknowledged or resolved, with the answer by due_at (which is in
--     working time where delivery.deadlines says so). Only the statuses acknowledged and resolved
--     count as answered: pending, delivered, failed, stale, unrouted (and any later one) do not.
--   ack/resolve_working_hours_p50: working hours from creation to answer / closure.
--   compensated, compensation_total: cases closed with a compensation, and its sum.
--   recurred, recurrence_rate (问题复发率): cases repeating an earlier complaint of the same author or
--     order about the same topic within 30 days.
CREATE OR REPLACE VIEW alert_sla AS
SELECT
  rule,
  date_trunc('week', created_at)::date                                    AS week,
  to_char(created_at, 'IYYY-"W"IW')                                       AS iso_week,
  count(*)                                                                AS alerts,
  count(acknowledged_at)                                                  AS acknowledged,
  count(*) FILTER (WHERE acknowledged_at <= due_at)                       AS acknowledged_in_time,
  count(resolved_at)                                                      AS resolved,
  count(escalated_at)                                                     AS escalated,
  round(count(*) FILTER (WHERE acknowledged_at <= due_at)::numeric / count(*), 4) AS response_rate,
  round(count(resolved_at)::numeric / count(*), 4)                        AS closure_rate,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS ack_seconds_p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at)) AS ack_seconds_p90,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))     AS resolve_seconds_p50,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))     AS resolve_seconds_p90,
  count(*) FILTER (WHERE status IN ('acknowledged', 'resolved') AND acknowledged_at <= due_at) AS answered_within_deadline,
  round(count(*) FILTER (WHERE status IN ('acknowledged', 'resolved') AND acknowledged_at <= due_at)::numeric / count(*), 4) AS answered_within_deadline_rate,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_working_hours)          AS ack_working_hours_p50,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_working_hours)      AS resolve_working_hours_p50,
  count(compensation_kind)                                                AS compensated,
  coalesce(sum(compensation_amount), 0)                                   AS compensation_total,
  count(*) FILTER (WHERE recurred)                                        AS recurred,
  round(count(*) FILTER (WHERE recurred)::numeric / count(*), 4)          AS recurrence_rate
FROM alerts
GROUP BY rule, date_trunc('week', created_at)::date, to_char(created_at, 'IYYY-"W"IW');

-- Cases per root cause: how many complaints each named cause stands behind.
CREATE VIEW root_cause_cases AS
SELECT r.id AS root_cause_id, r.topic, r.category, r.whys[cardinality(r.whys)] AS root,
       count(a.id) AS cases,
       count(a.id) FILTER (WHERE a.recurred) AS recurred,
       coalesce(sum(a.compensation_amount), 0) AS compensation_total
  FROM root_causes r
  LEFT JOIN alerts a ON a.root_cause_id = r.id
 GROUP BY r.id;

-- Does a tally or daily row (channel, source, region, segment) fall in a scope {"key": [values]}?
-- An empty scope is everything.
CREATE FUNCTION scope_matches(scope jsonb, p_channel text, p_source text, p_region text, p_segment text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT (NOT scope ? 'channel' OR p_channel IN (SELECT jsonb_array_elements_text(scope -> 'channel')))
     AND (NOT scope ? 'source'  OR p_source  IN (SELECT jsonb_array_elements_text(scope -> 'source')))
     AND (NOT scope ? 'region'  OR p_region  IN (SELECT jsonb_array_elements_text(scope -> 'region')))
     AND (NOT scope ? 'segment' OR p_segment IN (SELECT jsonb_array_elements_text(scope -> 'segment')))
$$;

-- An improvement's topic rate before and after its start, per arm (pilot, control): items in scope
-- and those with a negative mention of the topic (from the tallies: an item counts once). The
-- before window is [start − before_days, start), the after window [start, start + after_days).
-- `painpoint effect` and improvement_effect both count through this one function.
CREATE FUNCTION improvement_counts(p_improvement bigint, p_before_days integer DEFAULT 28, p_after_days integer DEFAULT 28)
RETURNS TABLE (arm text, period text, items bigint, negative bigint) LANGUAGE sql STABLE AS $$
  WITH arms AS (
    SELECT 'pilot'::text AS arm, i.pilot_scope AS scope, i.topic, i.start_date FROM improvements i WHERE i.id = p_improvement
    UNION ALL
    SELECT 'control', i.control_scope, i.topic, i.start_date FROM improvements i WHERE i.id = p_improvement AND i.control_scope IS NOT NULL
  ),
  windows AS (
    SELECT a.arm, a.scope, a.topic, w.period,
           CASE w.period WHEN 'before' THEN a.start_date - p_before_days ELSE a.start_date END AS from_day,
           CASE w.period WHEN 'before' THEN a.start_date ELSE a.start_date + p_after_days END AS to_day
      FROM arms a CROSS JOIN (VALUES ('before'), ('after')) AS w(period)
  )
  SELECT w.arm, w.period,
         coalesce((SELECT sum(d.items) FROM feedback_daily d
                    WHERE d.day >= w.from_day AND d.day < w.to_day
                      AND scope_matches(w.scope, d.channel, d.source, d.region, d.segment)), 0)::bigint,
         coalesce((SELECT sum(t.mentions) FROM pain_point_tallies t
                    WHERE t.topic = w.topic AND t.polarity = 'negative' AND t.day >= w.from_day AND t.day < w.to_day
                      AND scope_matches(w.scope, t.channel, t.source, t.region, t.segment)), 0)::bigint
    FROM windows w
$$;

-- Upper tail of the standard normal, P(Z > z) for z >= 0 (Abramowitz & Stegun 26.2.17, error < 7.5e-8),
-- so the view needs no extension.
CREATE FUNCTION normal_upper_tail(z double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT exp(-z * z / 2) / sqrt(2 * pi())
         * (0.319381530 * t - 0.356563782 * t ^ 2 + 1.781477937 * t ^ 3 - 1.821255978 * t ^ 4 + 1.330274429 * t ^ 5)
    FROM (SELECT 1 / (1 + 0.2316419 * abs(z)) AS t) k
$$;

-- Did each improvement work? Its topic rate 4 weeks before and after its start, in the pilot and,
-- where given, the control scope. effect = change of the pilot rate, minus the control's change where
-- there is a control (difference in differences). Two-sided z test (pooled for the pilot alone),
-- Wald 95% interval, minimum detectable effect at 80% power. `painpoint effect` gives the same with
-- other windows, and switches to Fisher's exact test when counts are small; the view keeps the z test
-- and says `small_counts`. verdict: effective (p < 0.05, rate down), worse (p < 0.05, up),
-- not_significant (otherwise, and wherever a window has fewer than 30 items).
CREATE VIEW improvement_effect AS
WITH counts AS (
  SELECT i.id, i.topic, i.action, i.status, i.start_date, i.control_scope IS NOT NULL AS has_control,
         max(c.items)    FILTER (WHERE c.arm = 'pilot'   AND c.period = 'before') AS pilot_before_items,
         max(c.negative) FILTER (WHERE c.arm = 'pilot'   AND c.period = 'before') AS pilot_before_negative,
         max(c.items)    FILTER (WHERE c.arm = 'pilot'   AND c.period = 'after')  AS pilot_after_items,
         max(c.negative) FILTER (WHERE c.arm = 'pilot'   AND c.period = 'after')  AS pilot_after_negative,
         max(c.items)    FILTER (WHERE c.arm = 'control' AND c.period = 'before') AS control_before_items,
         max(c.negative) FILTER (WHERE c.arm = 'control' AND c.period = 'before') AS control_before_negative,
         max(c.items)    FILTER (WHERE c.arm = 'control' AND c.period = 'after')  AS control_after_items,
         max(c.negative) FILTER (WHERE c.arm = 'control' AND c.period = 'after')  AS control_after_negative
    FROM improvements i
    CROSS JOIN LATERAL improvement_counts(i.id, 28, 28) c
   GROUP BY i.id
),
rates AS (
  SELECT c.*,
         pilot_before_negative::float8 / nullif(pilot_before_items, 0) AS pb,
         pilot_after_negative::float8 / nullif(pilot_after_items, 0) AS pa,
         control_before_negative::float8 / nullif(control_before_items, 0) AS cb,
         control_after_negative::float8 / nullif(control_after_items, 0) AS ca,
         (pilot_before_negative + pilot_after_negative)::float8 / nullif(pilot_before_items + pilot_after_items, 0) AS pooled
    FROM counts c
),
tests AS (
  SELECT r.*,
         CASE WHEN has_control THEN (pa - pb) - (ca - cb) ELSE pa - pb END AS effect,
         CASE WHEN has_control
              THEN sqrt(pb * (1 - pb) / pilot_before_items + pa * (1 - pa) / pilot_after_items
                        + cb * (1 - cb) / control_before_items + ca * (1 - ca) / control_after_items)
              ELSE sqrt(pb * (1 - pb) / pilot_before_items + pa * (1 - pa) / pilot_after_items) END AS se,
         CASE WHEN has_control
              THEN sqrt(pb * (1 - pb) / pilot_before_items + pa * (1 - pa) / pilot_after_items
                        + cb * (1 - cb) / control_before_items + ca * (1 - ca) / control_after_items)
              ELSE sqrt(pooled * (1 - pooled) * (1.0 / pilot_before_items + 1.0 / pilot_after_items)) END AS se_test,
         CASE WHEN has_control
              THEN sqrt(pb * (1 - pb) * (1.0 / pilot_before_items + 1.0 / pilot_after_items)
                        + cb * (1 - cb) * (1.0 / control_before_items + 1.0 / control_after_items))
              ELSE sqrt(pb * (1 - pb) * (1.0 / pilot_before_items + 1.0 / pilot_after_items)) END AS se_mde,
         least(pilot_before_items, pilot_after_items, coalesce(least(control_before_items, control_after_items), pilot_before_items)) AS fewest_items
    FROM rates r
),
verdicts AS (
  SELECT t.*,
         CASE WHEN se_test > 0 THEN least(1, 2 * normal_upper_tail(abs(effect) / se_test)) END AS p_value
    FROM tests t
)
SELECT id AS improvement_id, topic, action, status, start_date,
       pilot_before_items, pilot_before_negative, round(pb::numeric, 4) AS pilot_before_rate,
       pilot_after_items, pilot_after_negative, round(pa::numeric, 4) AS pilot_after_rate,
       control_before_items, control_before_negative, round(cb::numeric, 4) AS control_before_rate,
       control_after_items, control_after_negative, round(ca::numeric, 4) AS control_after_rate,
       round(effect::numeric, 4) AS effect,
       round((effect - 1.959964 * se)::numeric, 4) AS ci95_low,
       round((effect + 1.959964 * se)::numeric, 4) AS ci95_high,
       p_value,
       CASE WHEN has_control THEN 'difference in differences (z)' ELSE 'two-proportion z' END AS test,
       round(((1.959964 + 0.841621) * se_mde)::numeric, 4) AS mde,
       (pilot_before_items * pb < 5 OR pilot_before_items * (1 - pb) < 5 OR pilot_after_items * pa < 5 OR pilot_after_items * (1 - pa) < 5) AS small_counts,
       CASE WHEN coalesce(fewest_items, 0) < 30 OR p_value IS NULL OR p_value >= 0.05 THEN 'not_significant'
            WHEN effect < 0 THEN 'effective'
            ELSE 'worse' END AS verdict
  FROM verdicts;
