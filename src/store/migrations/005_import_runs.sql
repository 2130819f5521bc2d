-- Bookkeeping of imports, so `painpoint import --wait` knows when every item of a run is stored.
-- Stored and rejected counts are not kept here: they are counted from feedback.import_id and
-- rejected_items.import_id, which the store writes in the same transactions as the items themselves,
-- so a crash between two statements can never make them disagree.
CREATE TABLE import_runs (
  id           text PRIMARY KEY,
  channel      text NOT NULL CHECK (channel IN ('review', 'chat', 'social')),
  source       text NOT NULL,
  file         text,
  read         integer NOT NULL DEFAULT 0,   -- records read from the file
  batches      integer,                      -- batches enqueued; NULL while the file is being read
  started_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,                  -- when reading ended
  finished_at  timestamptz                   -- when the last batch was stored
);

-- One row per batch that went through the store stage (written after its transaction commits,
-- idempotently: a retried batch finds its row and adds nothing).
CREATE TABLE import_run_batches (
  run_id      text NOT NULL,
  batch_no    integer NOT NULL,
  records     integer NOT NULL,   -- records the batch carried into ingest
  done_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, batch_no)
);
