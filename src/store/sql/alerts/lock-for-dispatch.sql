-- The alerts of one store batch, locked while they are routed; sorted by source and rule so that two
-- dispatches opening the same storm windows take their locks in the same order.
SELECT a.id, a.rule, a.severity, a.status, a.dispatched_at, a.digest_id, a.targets, a.retries, f.channel, f.source,
       ARRAY(SELECT DISTINCT d.endpoint FROM alert_deliveries d WHERE d.alert_id = a.id AND d.kind = 'alert' AND d.ok) AS delivered_to
FROM alerts a
JOIN feedback f ON f.id = a.feedback_id
WHERE a.id = ANY($1::bigint[])
ORDER BY f.source, a.rule, a.id
FOR UPDATE OF a
