-- Counters after each page, so a run that dies mid-crawl still shows how far it got.
UPDATE crawl_runs SET
  pages = $2, pages_failed = $3, pages_blocked = $4, items_found = $5, items_new = $6,
  items_seen = $7, items_invalid = $8, errors = $9
WHERE id = $1
