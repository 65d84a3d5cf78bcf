-- One release per master_id, or per master_id and normalized format when {by_format} (a station
-- that owns the vinyl and the CD keeps both), (search_path: discogs_build, public). Ranking,
-- best first: label preferred by the station > US pressing > more tracks > lower id.
-- A NULL country never beats US, and a release without tracks is ranked with 0 tracks (it does
-- not escape dedup). Builds only new tables: re-runnable at will.
DROP TABLE IF EXISTS release_track_count, dedup_survivor, dedup_mode;

-- How this build deduplicated (the one_release_per_master check reads it).
CREATE UNLOGGED TABLE dedup_mode AS SELECT {by_format}::boolean AS by_format;

-- Every raw track row counts, read from the per-release groups release_tables made.
CREATE UNLOGGED TABLE release_track_count AS
SELECT id AS release_id, sum(n)::bigint AS track_count
FROM release_track_key WHERE id IS NOT NULL GROUP BY 1;

-- release_label_match holds the releases a station preference picks (cache/label_match.py).
CREATE UNLOGGED TABLE dedup_survivor AS
SELECT id FROM (
    SELECT r.id, row_number() OVER (
               PARTITION BY r.master_id, CASE WHEN {by_format} THEN r.format END
               ORDER BY (m.release_id IS NOT NULL) DESC,
                        coalesce(r.country = 'US', false) DESC,
                        coalesce(t.track_count, 0) DESC,
                        r.id) AS rank
    FROM release r
    LEFT JOIN release_track_count t ON t.release_id = r.id
    LEFT JOIN release_label_match m ON m.release_id = r.id
    WHERE r.master_id IS NOT NULL
) ranked WHERE rank = 1 OR id IN (SELECT id FROM release_pin)  -- pinned: kept beside the best (cache/pins.py)
UNION ALL
SELECT id FROM release WHERE master_id IS NULL;

ALTER TABLE dedup_survivor ADD PRIMARY KEY (id);
