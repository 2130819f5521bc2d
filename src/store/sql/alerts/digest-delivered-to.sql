SELECT DISTINCT endpoint FROM alert_deliveries WHERE digest_id = $1 AND ok
