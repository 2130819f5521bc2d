-- $1 id, $2 records read, $3 batches enqueued
UPDATE import_runs SET read = $2, batches = $3, read_at = now() WHERE id = $1
