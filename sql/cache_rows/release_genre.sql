SELECT c.* FROM discogs_build.release_genre c JOIN discogs_build.cache_release_ids k ON k.id = c.release_id
