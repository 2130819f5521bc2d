-- Waits for any alert still joining the window (it holds the row FOR SHARE), then stops new ones.
UPDATE alert_digests SET status = 'sending' WHERE id = $1 AND status = 'open' RETURNING id
