SELECT r.id, r.title, r.release_year, r.country, r.artwork_url, r.released, r.master_id, r.format
FROM discogs_build.release r JOIN discogs_build.cache_release_ids k ON k.id = r.id
