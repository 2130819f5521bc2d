-- $1 run id: how far the run is. stored counts the items this run was first to bring.
SELECT r.id, r.channel, r.source, r.file, r.read, r.batches, r.started_at, r.read_at, r.finished_at,
       (SELECT count(*) FROM import_run_batches b WHERE b.run_id = r.id) AS batches_done,
       (SELECT coalesce(sum(b.records), 0) FROM import_run_batches b WHERE b.run_id = r.id) AS records_done,
       (SELECT count(*) FROM feedback f WHERE f.import_id = r.id) AS stored
  FROM import_runs r
 WHERE r.id = $1
