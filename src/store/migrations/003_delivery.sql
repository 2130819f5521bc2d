-- Alert delivery and cases: what each alert was dispatched to, the delivery log, storm digests,
-- operational alerts (no feedback item behind them), and the SLA view analysts read.

ALTER TABLE alerts
  ADD COLUMN dispatched_at  timestamptz,        -- routed to its endpoints (null: the sweep will)
  ADD COLUMN targets        text[],             -- endpoint names it goes to, fixed at dispatch
  ADD COLUMN digest_id      bigint,             -- held for a storm digest instead of sent alone
  ADD COLUMN escalated_at   timestamptz,        -- sent once more because nobody acknowledged in time
  ADD COLUMN retries        integer NOT NULL DEFAULT 0, -- `painpoint alerts retry` rounds (part of job ids)
  ADD COLUMN acknowledged_note text;
CREATE INDEX alerts_undispatched_idx ON alerts (created_at) WHERE dispatched_at IS NULL;
CREATE INDEX alerts_overdue_idx ON alerts (due_at) WHERE acknowledged_at IS NULL AND escalated_at IS NULL;
CREATE INDEX alerts_rule_created_idx ON alerts (rule, created_at);

-- Storm control: the first non-critical alert of a rule and source goes out at once and opens a
-- window; the rest of the window is held here and sent as one digest when it closes.
CREATE TABLE alert_digests (
  id              bigserial PRIMARY KEY,
  rule            text NOT NULL,
  source          text NOT NULL,
  opener_alert_id bigint REFERENCES alerts (id) ON DELETE SET NULL,
  opened_at       timestamptz NOT NULL DEFAULT now(),
  closes_at       timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'sending', 'delivered', 'failed', 'empty')),
  item_count      integer,
  targets         text[],
  delivered_at    timestamptz
);
CREATE UNIQUE INDEX alert_digests_open_idx ON alert_digests (rule, source) WHERE status = 'open';
ALTER TABLE alerts ADD CONSTRAINT alerts_digest_fk FOREIGN KEY (digest_id) REFERENCES alert_digests (id) ON DELETE SET NULL;
CREATE INDEX alerts_digest_idx ON alerts (digest_id) WHERE digest_id IS NOT NULL;

-- Alerts about painpoint itself (a crawl source that broke): same endpoints, no feedback item.
CREATE TABLE operational_alerts (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL,                  -- crawl_broken, …
  source        text NOT NULL,
  severity      text NOT NULL DEFAULT 'high' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  detail        text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  repeats       integer NOT NULL DEFAULT 0,     -- the same kind and source raised again within the window
  targets       text[],
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_raised_at timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz
);
CREATE INDEX operational_alerts_kind_idx ON operational_alerts (kind, source, created_at);

-- One row per POST attempt: who was called, what came back. Exactly one subject per row.
CREATE TABLE alert_deliveries (
  id                    bigserial PRIMARY KEY,
  kind                  text NOT NULL CHECK (kind IN ('alert', 'digest', 'escalation', 'operational')),
  alert_id              bigint REFERENCES alerts (id) ON DELETE CASCADE,
  digest_id             bigint REFERENCES alert_digests (id) ON DELETE CASCADE,
  operational_alert_id  bigint REFERENCES operational_alerts (id) ON DELETE CASCADE,
  endpoint              text NOT NULL,
  attempt               integer NOT NULL,
  ok                    boolean NOT NULL,
  status_code           integer,
  error                 text,
  duration_ms           real,
  at                    timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(alert_id, digest_id, operational_alert_id) = 1)
);
CREATE INDEX alert_deliveries_alert_idx ON alert_deliveries (alert_id) WHERE alert_id IS NOT NULL;
CREATE INDEX alert_deliveries_digest_idx ON alert_deliveries (digest_id) WHERE digest_id IS NOT NULL;
CREATE INDEX alert_deliveries_operational_idx ON alert_deliveries (operational_alert_id) WHERE operational_alert_id IS NOT NULL;

-- Case handling per rule and ISO week (Monday start) of the alert's creation.
-- response_rate: share acknowledged by the deadline (due_at); closure_rate: share resolved.
-- Times are in seconds, medians and 90th percentiles over the alerts that got there.
CREATE VIEW alert_sla AS
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
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))     AS resolve_seconds_p90
FROM alerts
GROUP BY rule, date_trunc('week', created_at)::date, to_char(created_at, 'IYYY-"W"IW');
