SELECT root_cause_id, cases, recurred, compensation_total::float8 AS compensation_total
FROM root_cause_cases
WHERE $1::bigint[] IS NULL OR root_cause_id = ANY($1::bigint[])
ORDER BY root_cause_id
