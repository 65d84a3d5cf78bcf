SELECT c.* FROM discogs_build.release_track c JOIN discogs_build.cache_release_ids k ON k.id = c.release_id
