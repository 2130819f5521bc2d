-- $1 run id, $2 batch number, $3 records in the batch. A retried batch adds nothing.
INSERT INTO import_run_batches (run_id, batch_no, records) VALUES ($1, $2, $3)
ON CONFLICT (run_id, batch_no) DO NOTHING
