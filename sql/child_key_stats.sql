-- How the rows of a child table divide (from its keys, child_keys.sql): rows the policy keeps
-- for the survivors; rows of skipped releases and of releases dropped by dedup are expected
-- losses; the rest (unknown or unparsable release id, missing required field) is dirt,
-- bounded by the policy. With survivors = release, not_survivor is 0.
SELECT coalesce(sum(k.n), 0)::bigint AS total,
       coalesce(sum(k.valid) FILTER (WHERE s.id IS NOT NULL), 0)::bigint AS kept,
       coalesce(sum(k.n) FILTER (WHERE k.id IN (SELECT id FROM release_skipped)), 0)::bigint AS of_skipped,
       coalesce(sum(k.n) FILTER (WHERE r.id IS NOT NULL AND s.id IS NULL), 0)::bigint AS not_survivor
FROM {keys} k
LEFT JOIN release r ON r.id = k.id
LEFT JOIN {survivors} s ON s.id = r.id
