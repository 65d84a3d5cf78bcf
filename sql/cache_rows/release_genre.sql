SELECT k.id AS release_id, c.genre
FROM ({rows}) c
JOIN discogs_build.release_genre_key k ON k.raw_id = c.raw_release_id
JOIN discogs_build.cache_release_ids p ON p.id = k.id
WHERE k.valid = k.n OR c.valid
