-- One release per master_id, or per master_id and normalized format when {by_format} (a station
-- that owns the vinyl and the CD keeps both), (search_path: discogs_build, public). Ranking,
-- best first: label preferred by the station > US pressing > more tracks > lower id.
-- Fixes D1 (a NULL country no longer beats US) and D2 (releases without tracks are ranked
-- with 0 tracks instead of escaping dedup). Builds only new tables: re-runnable at will.
DROP TABLE IF EXISTS release_track_count, release_label_match, dedup_survivor, dedup_mode;

-- How this build deduplicated (the one_release_per_master check reads it).
CREATE UNLOGGED TABLE dedup_mode AS SELECT {by_format}::boolean AS by_format;

CREATE UNLOGGED TABLE label_pref AS
SELECT DISTINCT lower(f_unaccent(btrim(artist_name))) AS artist_key,
       lower(f_unaccent(btrim(release_title))) AS title_key,
       lower(f_unaccent(btrim(label_name))) AS label_key
FROM label_pref_raw
WHERE coalesce(btrim(artist_name), '') <> '' AND coalesce(btrim(release_title), '') <> ''
  AND coalesce(btrim(label_name), '') <> '';

CREATE UNLOGGED TABLE label_hierarchy AS
SELECT DISTINCT lower(f_unaccent(btrim(label_name))) AS label_key,
       lower(f_unaccent(btrim(parent_label_name))) AS parent_key
FROM label_hierarchy_raw
WHERE coalesce(btrim(label_name), '') <> '' AND coalesce(btrim(parent_label_name), '') <> '';

-- Every raw track row counts (D2), read from the per-release groups release_tables made.
CREATE UNLOGGED TABLE release_track_count AS
SELECT id AS release_id, sum(n)::bigint AS track_count
FROM release_track_key WHERE id IS NOT NULL GROUP BY 1;

-- A release matches when a main artist and the title equal a preference's and one of its
-- labels is the preferred label, or one level above or below it in the hierarchy. The accepted
-- labels of each preference are listed first so that every join is an equality (hashable):
-- an OR over the hierarchy per (release, label) pair normalised each label name thousands of
-- times and cost seconds per 10k releases.
CREATE UNLOGGED TABLE release_label_match AS
WITH accepted AS (
    SELECT artist_key, title_key, label_key FROM label_pref
    UNION
    SELECT p.artist_key, p.title_key, h.label_key
    FROM label_pref p JOIN label_hierarchy h ON h.parent_key = p.label_key
    UNION
    SELECT p.artist_key, p.title_key, h.parent_key
    FROM label_pref p JOIN label_hierarchy h ON h.label_key = p.label_key
)
SELECT DISTINCT r.id AS release_id
FROM accepted p
JOIN release r ON lower(f_unaccent(btrim(r.title))) = p.title_key AND r.master_id IS NOT NULL
JOIN release_artist a ON a.release_id = r.id AND a.extra = 0
                     AND lower(f_unaccent(btrim(a.artist_name))) = p.artist_key
JOIN release_label l ON l.release_id = r.id AND lower(f_unaccent(btrim(l.label_name))) = p.label_key;

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
) ranked WHERE rank = 1
UNION ALL
SELECT id FROM release WHERE master_id IS NULL;

ALTER TABLE dedup_survivor ADD PRIMARY KEY (id);
