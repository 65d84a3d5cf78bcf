SELECT k.id AS release_id, c.track_sequence, c.artist_name, c.extra, c.role
FROM ({rows}) c
JOIN discogs_build.release_track_artist_key k ON k.raw_id = c.raw_release_id
JOIN discogs_build.cache_release_ids p ON p.id = k.id
WHERE k.valid = k.n OR c.valid
