INSERT INTO crawl_runs (source_id, trigger) VALUES ($1, $2) RETURNING id
