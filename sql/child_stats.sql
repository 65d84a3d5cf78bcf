-- How the rows of one raw child table divide: kept rows are counted by the INSERT itself;
-- rows of skipped releases and of releases dropped by dedup are expected losses; the rest
-- (unknown or unparsable release id, missing required field) is dirt, bounded by the policy.
SELECT count(*) AS total,
       count(*) FILTER (WHERE k.id IS NOT NULL) AS of_skipped,
       count(*) FILTER (WHERE r.id IS NOT NULL AND s.id IS NULL) AS not_survivor
FROM {raw} c
LEFT JOIN release r ON r.id = to_int(c.release_id)
LEFT JOIN release_skipped k ON k.id = to_int(c.release_id)
LEFT JOIN {survivors} s ON s.id = r.id
