INSERT INTO release_artist (release_id, artist_id, artist_name, extra, role)
SELECT s.id, to_id(c.artist_id), c.artist_name, coalesce(to_int(c.extra), 0), nullif(c.role, '')
FROM raw_release_artist c JOIN {survivors} s ON s.id = to_int(c.release_id)
WHERE coalesce(btrim(c.artist_name), '') <> '';
