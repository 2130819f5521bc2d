-- FOR SHARE: a digest being closed waits for the alerts joining it, so none is left behind.
SELECT id FROM alert_digests WHERE rule = $1 AND source = $2 AND status = 'open' FOR SHARE
