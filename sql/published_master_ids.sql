-- The masters of the releases a build publishes.
SELECT DISTINCT r.master_id AS id
FROM discogs_build.release r JOIN discogs_build.cache_release_ids k ON k.id = r.id
WHERE r.master_id IS NOT NULL
