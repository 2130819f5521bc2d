-- Alert routing every process agrees on, alerts that are not sent on purpose, and one body per
-- delivery id.

-- `stale`: about an item posted longer ago than delivery.maxAgeHours (history, not news): kept as a
-- case, not sent until `alerts retry --stale`. `unrouted`: no endpoint accepted it when it was
-- routed; the sweep routes it once one does (within maxAgeHours), `alerts retry --unrouted` later.
ALTER TABLE alerts DROP CONSTRAINT IF EXISTS alerts_status_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_status_check
  CHECK (status IN ('pending', 'delivered', 'failed', 'acknowledged', 'resolved', 'stale', 'unrouted'));
CREATE INDEX alerts_unrouted_idx ON alerts (created_at) WHERE status = 'unrouted';
-- Alerts routed to nobody before this migration sat `pending` forever, skipped by the sweep.
UPDATE alerts SET status = 'unrouted'
WHERE status = 'pending' AND dispatched_at IS NOT NULL AND coalesce(cardinality(targets), 0) = 0;

-- The endpoints alerts are routed to, per deployment (queue prefix): registered by every delivery
-- worker at start-up from its config, read by every process that routes. No URL or secret here:
-- those stay in the environment of the processes that deliver (`url_sha256` only tells two
-- configurations of one name apart). `retired_at`: removed with `painpoint alerts endpoints --retire`.
CREATE TABLE delivery_endpoints (
  deployment    text NOT NULL,
  name          text NOT NULL,
  format        text NOT NULL,
  rules         text[],
  min_severity  text NOT NULL,
  channels      text[],
  sources       text[],
  receives      text[] NOT NULL,
  url_sha256    text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  retired_at    timestamptz,
  PRIMARY KEY (deployment, name)
);

-- The body each delivery id goes out with, per endpoint, fixed at its first send: retries, later
-- rounds and escalation re-sends repeat it byte for byte (a receiver de-duplicating on
-- X-Painpoint-Id never sees two versions). Text, not jsonb: jsonb would reorder the keys.
CREATE TABLE delivery_payloads (
  delivery_id text NOT NULL,
  endpoint    text NOT NULL,
  body        text NOT NULL,
  frozen_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (delivery_id, endpoint)
);
