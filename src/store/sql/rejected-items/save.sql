-- $1 import id, $2 jsonb array of rejections. One row per (import, line, raw record): a retried
-- job records nothing twice.
INSERT INTO rejected_items (import_id, source, file, line, field, reason, message, raw)
SELECT $1, x.source, x.file, x.line, x.field, x.reason, x.message, x.raw
  FROM jsonb_to_recordset($2::jsonb) AS x(source text, file text, line integer, field text, reason text, message text, raw text)
 ORDER BY x.line
ON CONFLICT DO NOTHING
