-- One row per distinct raw release id of a child table read at publish time (child_rows/):
-- its release, its rows and how many of them the policy keeps. Grouping by the raw text runs
-- to_int once per release instead of once per row; the policy's counts (child_key_stats) and
-- the published rows' join (cache_rows) then read this small table, not the raw rows.
DROP TABLE IF EXISTS {keys};
CREATE UNLOGGED TABLE {keys} AS
SELECT raw_release_id AS raw_id, to_int(raw_release_id) AS id, count(*) AS n,
       count(*) FILTER (WHERE valid) AS valid
FROM ({rows}) c GROUP BY raw_release_id;
-- Planned against by cache_rows: without statistics the join there is misestimated.
ANALYZE {keys};
