-- A "nothing found" verdict; writing it again restarts its TTL clock.
-- Parameters: key_hash, artist, track, artist_as_keyword, ttl_seconds.
INSERT INTO lookup_negative (key_hash, artist, track, artist_as_keyword, ttl_seconds)
VALUES (%(key_hash)s, %(artist)s, %(track)s, %(artist_as_keyword)s, %(ttl_seconds)s)
ON CONFLICT (key_hash) DO UPDATE SET attempted_at = now(), ttl_seconds = EXCLUDED.ttl_seconds
