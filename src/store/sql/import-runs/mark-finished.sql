-- $1 run id
UPDATE import_runs SET finished_at = coalesce(finished_at, now()) WHERE id = $1
