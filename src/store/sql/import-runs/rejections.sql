-- $1 run id: rejected records by reason (the code before the colon).
SELECT split_part(reason, ':', 1) AS reason, count(*) AS count
  FROM rejected_items
 WHERE import_id = $1
 GROUP BY 1
 ORDER BY 2 DESC, 1
