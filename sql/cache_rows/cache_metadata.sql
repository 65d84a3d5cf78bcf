SELECT k.id AS release_id, now() AS cached_at, 'bulk_import' AS source
FROM discogs_build.cache_release_ids k
