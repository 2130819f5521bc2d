SELECT status, count(*)::int AS n FROM alerts GROUP BY status ORDER BY status
