-- Core tables: the feedback, what the analysis found in it, and the tallies analysts query.
-- Table names are a public contract (dashboards read them); columns may grow.

CREATE TABLE feedback (
  id               bigserial PRIMARY KEY,
  channel          text NOT NULL CHECK (channel IN ('review', 'chat', 'social')),
  source           text NOT NULL,
  external_id      text NOT NULL,
  content_hash     text NOT NULL,
  text             text NOT NULL,          -- personal data masked
  author           text,
  rating           smallint CHECK (rating BETWEEN 1 AND 5),
  posted_at        timestamptz,
  url              text,
  region           text,
  segment          text,
  order_id         text,
  meta             jsonb NOT NULL DEFAULT '{}'::jsonb,
  sentiment_label  text CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
  sentiment_score  real,
  analyzed_at      timestamptz,
  import_id        text,                   -- the import or crawl run that first brought it
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, external_id)
);
CREATE INDEX feedback_posted_at_idx ON feedback (posted_at);
CREATE INDEX feedback_import_id_idx ON feedback (import_id);

-- No foreign key: aspects are written only in the statement that inserts their feedback row (the
-- store transaction), and a per-row key check was a sixth of the store's cost. Delete an item's
-- aspects with it (DELETE FROM feedback_aspects WHERE feedback_id = …).
CREATE TABLE feedback_aspects (
  feedback_id  bigint NOT NULL,
  ordinal      smallint NOT NULL,          -- position among the item's aspects
  topic        text NOT NULL,
  polarity     text NOT NULL CHECK (polarity IN ('positive', 'neutral', 'negative')),
  evidence     text NOT NULL,
  PRIMARY KEY (feedback_id, ordinal)
);
CREATE INDEX feedback_aspects_topic_idx ON feedback_aspects (topic, polarity);

-- mentions = feedback items with that topic and polarity (an item counts once per pair).
-- region and segment are '' where the item has none, so they can be part of the key.
CREATE TABLE pain_point_tallies (
  day       date NOT NULL,
  channel   text NOT NULL,
  source    text NOT NULL,
  topic     text NOT NULL,
  polarity  text NOT NULL,
  region    text NOT NULL DEFAULT '',
  segment   text NOT NULL DEFAULT '',
  mentions  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, channel, source, topic, polarity, region, segment)
);
CREATE INDEX pain_point_tallies_topic_idx ON pain_point_tallies (topic, day);

-- Item totals beside the tallies, so that shares can be computed.
CREATE TABLE feedback_daily (
  day             date NOT NULL,
  channel         text NOT NULL,
  source          text NOT NULL,
  region          text NOT NULL DEFAULT '',
  segment         text NOT NULL DEFAULT '',
  items           bigint NOT NULL DEFAULT 0,
  negative_items  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, channel, source, region, segment)
);

-- The alert outbox and case record: written in the same transaction as the analysis.
CREATE TABLE alerts (
  id               bigserial PRIMARY KEY,
  feedback_id      bigint NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  rule             text NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  keyword          text NOT NULL,
  evidence         text NOT NULL,
  status           text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'delivered', 'failed', 'acknowledged', 'resolved')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  due_at           timestamptz NOT NULL,
  delivered_at     timestamptz,
  acknowledged_at  timestamptz,
  resolved_at      timestamptz,
  resolution_note  text,
  UNIQUE (feedback_id, rule)
);
CREATE INDEX alerts_status_idx ON alerts (status, due_at);

-- What could not be ingested, with the reason and the raw record: nothing is dropped silently.
CREATE TABLE rejected_items (
  id          bigserial PRIMARY KEY,
  import_id   text,
  source      text,
  file        text,
  line        integer,
  field       text,
  reason      text NOT NULL,              -- a stable code (empty_text, bad_rating, unreadable_row …)
  message     text,                       -- what exactly was wrong, for whoever fixes the file
  raw         text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
-- A retried job records a rejection once: the same import, line and raw record is the same rejection
-- (a crawled record has no line; its raw text tells it apart).
CREATE UNIQUE INDEX rejected_items_origin_idx ON rejected_items (import_id, line, md5(coalesce(raw, reason))) NULLS NOT DISTINCT;
