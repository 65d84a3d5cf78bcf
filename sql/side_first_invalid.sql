-- CSV line (header = line 1) of the first row the policy drops; error path only.
SELECT n + 1 FROM (SELECT row_number() OVER (ORDER BY r.pos) AS n, r.valid FROM ({rows}) r) x
WHERE NOT x.valid ORDER BY n LIMIT 1
