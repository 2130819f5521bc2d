UPDATE alerts SET status = 'failed' WHERE id = ANY($1::bigint[]) AND status = 'pending' RETURNING id
