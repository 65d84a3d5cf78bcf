-- The masters of the imported releases.
SELECT DISTINCT r.master_id AS id FROM discogs_build.release r WHERE r.master_id IS NOT NULL
