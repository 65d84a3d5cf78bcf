-- CSV line (header = line 1) of the first child row whose release is unknown; error path only.
SELECT n + 1 FROM (
    SELECT row_number() OVER (ORDER BY ctid) AS n, to_int(release_id) AS rid FROM {raw}
) c
WHERE c.rid IS NULL OR (NOT EXISTS (SELECT 1 FROM release r WHERE r.id = c.rid)
                        AND NOT EXISTS (SELECT 1 FROM release_skipped k WHERE k.id = c.rid))
ORDER BY n LIMIT 1
