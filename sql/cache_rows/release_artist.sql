SELECT c.* FROM discogs_build.release_artist c JOIN discogs_build.cache_release_ids k ON k.id = c.release_id
