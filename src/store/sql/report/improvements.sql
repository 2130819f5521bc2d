-- Improvements for the report, newest first, with improvement_effect's verdict (4 weeks either side).
SELECT improvement_id AS id, topic, action, status, to_char(start_date, 'YYYY-MM-DD') AS start_date,
       pilot_before_rate::float8 AS before_rate, pilot_after_rate::float8 AS after_rate,
       effect::float8 AS effect, ci95_low::float8 AS ci95_low, ci95_high::float8 AS ci95_high, p_value, test, verdict
FROM improvement_effect
WHERE status <> 'abandoned'
ORDER BY start_date DESC, improvement_id DESC
LIMIT $1
