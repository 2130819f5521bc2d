-- Crawling: a cursor per source, the items each source has already yielded, one row per crawl run,
-- and the per-host request slots that keep every worker process under a site's configured rate.

CREATE TABLE crawl_cursors (
  source_id          text PRIMARY KEY,
  items_seen         bigint NOT NULL DEFAULT 0,   -- distinct items the source has ever yielded
  last_items_found   integer,                     -- items the last run read (new or seen)
  newest_external_id text,                        -- first item of the last run's first page
  last_run_id        bigint,
  last_crawled_at    timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- What makes a crawl incremental: an item listed here was already sent to ingest, so a scheduled
-- crawl that meets one stops paging. Written only after the item's batch is enqueued, so a crash
-- between the two re-sends the batch (ingest dedupes on source + external_id) and loses nothing.
CREATE TABLE crawl_seen_items (
  source_id      text NOT NULL,
  external_id    text NOT NULL,
  first_run_id   bigint,
  first_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_id, external_id)
);

CREATE TABLE crawl_runs (
  id             bigserial PRIMARY KEY,
  source_id      text NOT NULL,
  trigger        text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status         text NOT NULL DEFAULT 'running'
                 CHECK (status IN ('running', 'succeeded', 'empty', 'broken', 'failed')),
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  pages          integer NOT NULL DEFAULT 0,      -- pages read (a load-more click or a scroll counts as one)
  pages_failed   integer NOT NULL DEFAULT 0,      -- pages that failed after their retries
  pages_blocked  integer NOT NULL DEFAULT 0,      -- pages robots.txt disallowed
  items_found    integer NOT NULL DEFAULT 0,
  items_new      integer NOT NULL DEFAULT 0,
  items_seen     integer NOT NULL DEFAULT 0,
  items_invalid  integer NOT NULL DEFAULT 0,      -- matched the item selector but had no text
  errors         integer NOT NULL DEFAULT 0,
  stop_reason    text,
  detail         text
);
CREATE INDEX crawl_runs_source_idx ON crawl_runs (source_id, started_at DESC);

-- One row per host, shared by every worker process: one request at a time per host (the holder,
-- with a lease in case its process dies), and the next no sooner than one interval after the
-- previous one was answered. Measured from the answer, the spacing holds as the site sees it,
-- whatever the delays between deciding to send and the request arriving.
CREATE TABLE crawl_host_slots (
  host         text PRIMARY KEY,
  next_at      timestamptz NOT NULL,
  holder       text,
  lease_until  timestamptz
);
