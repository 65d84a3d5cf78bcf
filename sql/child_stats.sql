-- How the rows of one raw child table divide: kept rows are counted by the INSERT itself;
-- rows of skipped releases and of releases dropped by dedup are expected losses; the rest
-- (unknown or unparsable release id, missing required field) is dirt, bounded by the policy.
-- Counted per distinct release_id (one group per release, not per row): to_int and the
-- probes then run once per release instead of once per track or credit.
SELECT coalesce(sum(g.n), 0)::bigint AS total,
       coalesce(sum(g.n) FILTER (WHERE g.rid IN (SELECT id FROM release_skipped)), 0)::bigint AS of_skipped,
       coalesce(sum(g.n) FILTER (WHERE r.id IS NOT NULL AND s.id IS NULL), 0)::bigint AS not_survivor
FROM (SELECT to_int(release_id) AS rid, count(*) AS n FROM {raw} GROUP BY release_id) g
LEFT JOIN release r ON r.id = g.rid
LEFT JOIN {survivors} s ON s.id = r.id
