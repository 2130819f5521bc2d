-- $1 id, $2 channel, $3 source, $4 file
INSERT INTO import_runs (id, channel, source, file) VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO NOTHING
