INSERT INTO release_track_artist (release_id, track_sequence, artist_name, extra, role)
SELECT s.id, to_int(c.track_sequence), c.artist_name, coalesce(to_int(c.extra), 0), nullif(c.role, '')
FROM raw_release_track_artist c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE to_int(c.track_sequence) IS NOT NULL AND coalesce(btrim(c.artist_name), '') <> '';
