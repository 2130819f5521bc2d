-- $1 run id: the file the run reads (NULL for a crawl or stdin).
SELECT file FROM import_runs WHERE id = $1
