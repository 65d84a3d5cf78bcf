-- Published tracks typed straight from the raw rows, for the published releases only. The
-- policy's per-row test runs only for releases that have a row it drops (valid < n): for all
-- others every row is kept and the test (to_int, btrim per row) would be wasted work.
SELECT k.id AS release_id, c.sequence, c.position, c.title, c.duration
FROM ({rows}) c
JOIN discogs_build.release_track_key k ON k.raw_id = c.raw_release_id
JOIN discogs_build.cache_release_ids p ON p.id = k.id
WHERE k.valid = k.n OR c.valid
