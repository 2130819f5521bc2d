SELECT a.id FROM alerts a WHERE a.digest_id = $1 ORDER BY a.id
