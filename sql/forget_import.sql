-- The import's helper connection commits the publish-only raw tables before the import itself
-- commits (it runs beside it, on the other core). From that commit on, the raw tables may belong
-- to a new CSV set while the typed ones still belong to the old: every step built from them is
-- forgotten in the same commit, so none can be reused or built upon until the import finishes.
DELETE FROM discogs_build.build_step
WHERE step IN ('release_tables', 'deduped_releases', 'release_tracks', 'library_matches');
